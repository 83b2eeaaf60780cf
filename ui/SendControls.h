#pragma once

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace Keyhole::Ui {

// The controls a request's Settings tab and Preferences share, set up alike: object names,
// ranges, units, accessible names and the tooltips that explain them.
void setUpRedirectLimit(QSpinBox* most);
void setUpTimeout(QDoubleSpinBox* seconds);
void setUpProxyFields(QLineEdit* proxy, QLineEdit* noProxy);

} // namespace Keyhole::Ui
