#include "ui/Appearance.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

const char* const kTextFontProperty = "keyholeTextFont";

QFont& currentTextFont()
{
    static QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return font;
}

// The palette and style the application started with ("System").
struct StartingLook {
    QPalette palette;
    QString style;
};

const StartingLook& startingLook()
{
    static const StartingLook look{QApplication::palette(), QApplication::style()->name()};
    return look;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x7a, 0x7e, 0x85);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x68));
    palette.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Mid, QColor(0x5a, 0x5d, 0x63));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    palette.setColor(QPalette::Midlight, QColor(0x43, 0x45, 0x4a));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

} // namespace

void applyTheme(Theme theme)
{
    const StartingLook& start = startingLook();
    if (theme == Theme::System) {
        if (QApplication::style()->name() != start.style)
            QApplication::setStyle(QStyleFactory::create(start.style));
        QApplication::setPalette(start.palette);
        return;
    }
    if (QApplication::style()->name() != u"fusion")
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette()
                                                  : QApplication::style()->standardPalette());
}

void useTextFont(QWidget* widget)
{
    widget->setProperty(kTextFontProperty, true);
    widget->setFont(currentTextFont());
}

void setTextFont(const QFont& font)
{
    currentTextFont() = font;
    for (QWidget* widget : QApplication::allWidgets())
        if (widget->property(kTextFontProperty).toBool())
            widget->setFont(font);
}

QFont textFont()
{
    return currentTextFont();
}

} // namespace Keyhole::Ui
