#pragma once

#include "core/http/Executor.h"
#include "ui/Appearance.h"

#include <QFont>
#include <QString>

namespace Keyhole::Ui {

// The desktop's own settings (Edit ▸ Preferences), kept in QSettings on this machine — never
// in the workspace: a request's Settings tab (which travels with the workspace) wins over
// the send defaults here, and keyhole-cli does not read them.
struct Preferences {
    // Defaults for every send from the desktop (logins and token renewals included). Trusting
    // redirects and following https → http stay per request: a global "yes" would send
    // credentials to every redirected host.
    Http::ExecuteOptions send;
    bool blockUnresolved = false; // refuse to send {{variables}} that have no value
    Theme theme = Theme::System;
    QFont textFont; // bodies, raw messages, diffs (a fixed-pitch font)

    Preferences();
    static Preferences load();
    void save() const;
    // The request's unset settings take these (every field set).
    Model::RequestSettings settingsDefaults() const { return Http::settingsOf(send); }
};

// What is wrong with `preferences` for a person to read, or empty (a proxy that is not
// system/none/http(s)/socks5, a CA file without a PEM certificate).
QString preferencesProblem(const Preferences& preferences);

} // namespace Keyhole::Ui
