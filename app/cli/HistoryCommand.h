#pragma once

#include "app/cli/RequestLoading.h"
#include "app/cli/SendOptions.h"
#include "core/Result.h"
#include "core/history/HistoryStore.h"
#include "core/http/Exchange.h"

#include <QStringList>

#include <optional>

namespace Keyhole::Cli {

// `keyhole-cli history …`: list the sends of a workspace, or show one.
int historyCommand(const QStringList& arguments);

// Records a finished send in its workspace's history (when it has a workspace and
// --no-history was not given) and says the id on stderr ("history: h12").
// Returns the id (empty when not recorded); `label` says what a send was for ("probe: …").
QString recordHistory(const Http::Exchange& exchange, const Loaded& loaded,
                      const Model::Environment* environment, const SendOptions& options,
                      const QString& label = {});

// A send from history with its entry.
struct PastSend {
    History::Entry entry;
    Http::Exchange exchange;
};
// The last 2xx send of the loaded request in its workspace's history, if any.
std::optional<PastSend> lastSuccess(const Loaded& loaded);

// The workspace for history ids: --workspace, else the current directory when it is one.
QString historyWorkspace(const QString& workspaceOption);

// "h12", "12", "last", "last~2", optionally with ":N" (hop N): names a history entry?
bool looksLikeHistoryId(const QString& text);

} // namespace Keyhole::Cli
