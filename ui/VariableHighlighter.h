#pragma once

#include "core/vars/Resolver.h"

#include <QSyntaxHighlighter>

namespace Keyhole::Ui {

// Colours {{variables}} in a text document: resolved ones green, secrets amber, unknown ones
// red and underlined — so an unresolved {{token}} is seen before it is sent.
class VariableHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariableHighlighter)

public:
    explicit VariableHighlighter(QTextDocument* document);
    void setResolver(const Vars::Resolver& resolver);

protected:
    void highlightBlock(const QString& text) override;

private:
    Vars::Resolver m_resolver;
};

// One line a person reads about the variables of `uses`: what is not set and what is secret;
// empty when everything resolves.
QString variableProblems(const QList<Vars::Resolver::Use>& uses);
// A tooltip listing every variable with its value (never a secret's) and scope.
QString variableTooltip(const QList<Vars::Resolver::Use>& uses);

} // namespace Keyhole::Ui
