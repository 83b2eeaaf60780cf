#include "ui/SendControls.h"

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SendControls", text);
}

} // namespace

void setUpRedirectLimit(QSpinBox* most)
{
    most->setObjectName(u"maxRedirects"_s);
    most->setRange(0, 1000);
    most->setSuffix(tr(" redirects"));
    most->setAccessibleName(tr("Most redirects followed"));
}

void setUpTimeout(QDoubleSpinBox* seconds)
{
    seconds->setObjectName(u"timeout"_s);
    seconds->setRange(0.001, 86'400);
    seconds->setDecimals(3);
    seconds->setSuffix(tr(" s"));
    seconds->setAccessibleName(tr("Timeout in seconds"));
    seconds->setToolTip(tr("For the whole exchange, every hop included"));
}

void setUpProxyFields(QLineEdit* proxy, QLineEdit* noProxy)
{
    proxy->setObjectName(u"proxy"_s);
    proxy->setPlaceholderText(u"system"_s);
    proxy->setMinimumWidth(360);
    proxy->setToolTip(tr("system (http_proxy, https_proxy, no_proxy), none, "
                         "http://host:3128 or socks5://host:1080. A password belongs in a "
                         "secret variable of a request's proxy: "
                         "http://me:{{proxyPassword}}@host:3128"));
    noProxy->setObjectName(u"noProxy"_s);
    noProxy->setPlaceholderText(tr("localhost, .internal.example"));
    noProxy->setMinimumWidth(360);
    noProxy->setToolTip(tr("Hosts sent directly: a name, .domain (and its subdomains), or *"));
}

} // namespace Keyhole::Ui
