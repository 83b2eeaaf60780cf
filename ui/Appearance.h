#pragma once

class QFont;
class QWidget;

namespace Keyhole::Ui {

enum class Theme { System, Light, Dark };

// Light and dark palettes (Fusion) or the platform's own, for the whole application.
void applyTheme(Theme theme);
// The fixed-pitch font text views use (Preferences ▸ Text font): `widget` gets it now and
// whenever it changes.
void useTextFont(QWidget* widget);
// Changes the fixed-pitch font of every widget that uses it.
void setTextFont(const QFont& font);
QFont textFont();

} // namespace Keyhole::Ui
