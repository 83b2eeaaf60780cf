#!/usr/bin/env bash
# Fails when core/ depends on the GUI in any of three ways:
#  1. a file under core/ includes a ui/ header or a Qt Gui/Widgets header (by name or path);
#  2. the keyhole_core CMake target links Qt6::Gui, Qt6::Widgets or anything built on them;
#  3. libkeyhole_core needs a symbol that only Qt6Gui or Qt6Widgets provide.
# Usage: check_layering.sh CORE_DIR QT_HEADERS LINK_LIBRARIES_FILE CORE_LIBRARY GUI_LIB WIDGETS_LIB
set -uo pipefail
core_dir=$1 qt_headers=$2 link_file=$3 core_lib=$4 gui_lib=$5 widgets_lib=$6
gui_modules="QtGui QtWidgets QtOpenGL QtOpenGLWidgets QtPrintSupport QtSvgWidgets QtQuick QtQml"
failures=0

while IFS= read -r line; do
    file=${line%%:*}
    header=$(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/p' <<<"${line#*:}")
    [ -n "$header" ] || continue
    bad=""
    case "$header" in
        ui/*|app/*) bad="a ui/ or app/ header" ;;
    esac
    for module in $gui_modules; do
        case "$header" in "$module"/*) bad="a $module header" ;; esac
        if [ -z "$bad" ] && [ -e "$qt_headers/$module/$header" ] &&
           [ ! -e "$qt_headers/QtCore/$header" ] && [ ! -e "$qt_headers/QtNetwork/$header" ]; then
            bad="a $module header"
        fi
    done
    if [ -n "$bad" ]; then
        echo "LAYERING: $file includes <$header>, $bad — core/ must stay GUI-free"
        failures=$((failures + 1))
    fi
done < <(grep -rnE --include='*.h' --include='*.cpp' '^[[:space:]]*#[[:space:]]*include' "$core_dir" |
         sed -E 's/^([^:]+):[0-9]+:/\1:/')

if grep -qE 'Qt6?::(Gui|Widgets|OpenGL|OpenGLWidgets|PrintSupport|Quick|Qml)|keyhole_ui' "$link_file"; then
    echo "LAYERING: keyhole_core links a GUI library: $(tr '\n' ' ' <"$link_file")"
    failures=$((failures + 1))
fi

gui_symbols=$(mktemp)
trap 'rm -f "$gui_symbols"' EXIT
export LC_ALL=C
nm -D --defined-only "$gui_lib" "$widgets_lib" 2>/dev/null |
    awk 'NF>=3 && $2 ~ /^[TDBRVW]$/ {sub(/@.*/, "", $3); print $3}' | sort -u >"$gui_symbols"
[ -s "$gui_symbols" ] || { echo "LAYERING: could not read the symbols of $gui_lib"; exit 1; }
leaked=$(nm -u "$core_lib" 2>/dev/null | awk '{print $NF}' | sort -u | comm -12 - "$gui_symbols" | head -n 5)
if [ -n "$leaked" ]; then
    echo "LAYERING: libkeyhole_core uses symbols from Qt Gui/Widgets: $(c++filt <<<"$leaked" | tr '\n' ' ')"
    failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
    echo "layering: $failures violation(s)"
    exit 1
fi
echo "layering: core/ is GUI-free (includes, link line, symbols)"
