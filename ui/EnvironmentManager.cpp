#include "ui/EnvironmentManager.h"

#include "core/secrets/SecretChanges.h"
#include "core/secrets/SecretStoreChoice.h"
#include "core/workspace/EnvironmentEdit.h"
#include "ui/EditCommand.h"
#include "ui/EnvironmentVariablesModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// Edits a secret's current value with its characters hidden unless the values are revealed.
class MaskingDelegate final : public QStyledItemDelegate {
public:
    MaskingDelegate(const EnvironmentVariablesModel* model, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_model(model)
    {}

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override
    {
        QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto* line = qobject_cast<QLineEdit*>(editor);
        const bool secret = index.siblingAtColumn(EnvironmentVariablesModel::Secret)
                                .data(Qt::CheckStateRole)
                                .value<Qt::CheckState>() == Qt::Checked;
        if (line && index.column() == EnvironmentVariablesModel::Current && secret &&
            !m_model->isRevealed())
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }

private:
    const EnvironmentVariablesModel* m_model;
};

QPushButton* button(const QString& text, const QString& objectName, const QString& tip,
                    QWidget* parent)
{
    auto* made = new QPushButton(text, parent);
    made->setObjectName(objectName);
    made->setToolTip(tip);
    made->setAutoDefault(false);
    return made;
}

} // namespace

EnvironmentManager::EnvironmentManager(Model::Workspace* workspace, StoreProvider stores,
                                       QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_stores(std::move(stores))
    , m_undo(new QUndoStack(this))
    , m_list(new QListWidget(this))
    , m_duplicate(button(tr("&Duplicate"), u"duplicateEnvironment"_s,
                         tr("A copy with the same variables; secret values are not copied"), this))
    , m_rename(button(tr("Rena&me…"), u"renameEnvironment"_s, tr("Rename (F2)"), this))
    , m_delete(button(tr("De&lete"), u"deleteEnvironment"_s,
                      tr("Delete the environment (Ctrl+Z brings it back)"), this))
    , m_tabs(new QTabWidget(this))
    , m_variables(new EnvironmentVariablesModel(this))
    , m_table(new QTableView(this))
    , m_remove(button(tr("&Remove Variable"), u"removeVariable"_s,
                      tr("Remove the selected variables"), this))
    , m_reveal(new QCheckBox(tr("Re&veal secret values"), this))
    , m_save(button(tr("&Save"), u"saveEnvironment"_s,
                    tr("Write the variables (Ctrl+S); secret values go to the secret store"), this))
    , m_revert(button(tr("Re&vert"), u"revertEnvironment"_s, tr("Drop the unsaved edits"), this))
    , m_status(new QLabel(this))
    , m_left(new QComboBox(this))
    , m_right(new QComboBox(this))
    , m_onlyDifferences(new QCheckBox(tr("Only &differences"), this))
    , m_compareModel(new QStandardItemModel(this))
    , m_compareTable(new QTableView(this))
    , m_compareSummary(new QLabel(this))
{
    setObjectName(u"environmentManager"_s);
    setWindowTitle(tr("Environments — %1").arg(m_workspace->name));
    setModal(true);
    resize(1000, 560);
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(key.data()),
                                         reinterpret_cast<quint32*>(key.data() + key.size()));
    m_fingerprintKey = key;

    // Left: the environments.
    m_list->setObjectName(u"environmentList"_s);
    m_list->setAccessibleName(tr("Environments"));
    auto* create = button(tr("&New…"), u"newEnvironment"_s, tr("A new, empty environment"), this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto* leftButtons = new QGridLayout;
    leftButtons->addWidget(create, 0, 0);
    leftButtons->addWidget(m_duplicate, 0, 1);
    leftButtons->addWidget(m_rename, 1, 0);
    leftButtons->addWidget(m_delete, 1, 1);
    leftLayout->addLayout(leftButtons);

    // Right, first tab: the variables.
    m_table->setObjectName(u"environmentVariables"_s);
    m_table->setAccessibleName(tr("Variables"));
    m_table->setModel(m_variables);
    m_table->setItemDelegate(new MaskingDelegate(m_variables, m_table));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(EnvironmentVariablesModel::Shared,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(EnvironmentVariablesModel::Current,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(EnvironmentVariablesModel::Name, 180);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_reveal->setObjectName(u"revealSecrets"_s);
    m_reveal->setToolTip(tr("Show secret values in this table (they stay masked everywhere else)"));
    auto* add = button(tr("&Add Variable"), u"addVariable"_s, tr("A new variable"), this);
    m_status->setObjectName(u"environmentStatus"_s);
    m_status->setWordWrap(true);
    auto* variablesPage = new QWidget(this);
    auto* variablesLayout = new QVBoxLayout(variablesPage);
    auto* variablesTop = new QHBoxLayout;
    variablesTop->addWidget(add);
    variablesTop->addWidget(m_remove);
    variablesTop->addStretch(1);
    variablesTop->addWidget(m_reveal);
    variablesLayout->addLayout(variablesTop);
    variablesLayout->addWidget(m_table, 1);
    auto* variablesBottom = new QHBoxLayout;
    variablesBottom->addWidget(m_status, 1);
    variablesBottom->addWidget(m_revert);
    variablesBottom->addWidget(m_save);
    variablesLayout->addLayout(variablesBottom);
    m_tabs->addTab(variablesPage, tr("&Variables"));

    // Second tab: two environments side by side.
    m_left->setObjectName(u"compareLeft"_s);
    m_right->setObjectName(u"compareRight"_s);
    m_left->setAccessibleName(tr("Left environment"));
    m_right->setAccessibleName(tr("Right environment"));
    m_onlyDifferences->setObjectName(u"onlyDifferences"_s);
    m_compareTable->setObjectName(u"environmentCompare"_s);
    m_compareModel->setColumnCount(4);
    m_compareTable->setModel(m_compareModel);
    m_compareTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compareTable->verticalHeader()->hide();
    m_compareTable->setWordWrap(false);
    m_compareTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_compareTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_compareSummary->setObjectName(u"compareSummary"_s);
    auto* comparePage = new QWidget(this);
    auto* compareLayout = new QVBoxLayout(comparePage);
    auto* compareTop = new QHBoxLayout;
    compareTop->addWidget(m_left, 1);
    compareTop->addWidget(new QLabel(tr("against"), comparePage));
    compareTop->addWidget(m_right, 1);
    compareTop->addWidget(m_onlyDifferences);
    compareLayout->addLayout(compareTop);
    compareLayout->addWidget(m_compareTable, 1);
    compareLayout->addWidget(m_compareSummary);
    m_tabs->addTab(comparePage, tr("&Compare"));
    m_tabs->setObjectName(u"environmentTabs"_s);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1)
            refreshCompare(); // secret values may have changed since
    });

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({230, 770});
    splitter->setChildrenCollapsible(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    // Undo and redo of environment edits; a name being typed keeps Ctrl+Z for itself.
    // (Unsaved variable edits are settled first: an undone New or Delete changes what is shown.)
    auto* undo = new QAction(tr("&Undo"), this);
    auto* redo = new QAction(tr("&Redo"), this);
    connect(undo, &QAction::triggered, this, [this] {
        if (m_undo->canUndo() && settle())
            m_undo->undo();
    });
    connect(redo, &QAction::triggered, this, [this] {
        if (m_undo->canRedo() && settle())
            m_undo->redo();
    });
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    QAction* saveAction = new QAction(tr("Save"), this);
    saveAction->setShortcut(QKeySequence::Save);
    QAction* renameAction = new QAction(tr("Rename"), this);
    renameAction->setShortcut(Qt::Key_F2);
    for (QAction* action : {undo, redo, saveAction, renameAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({undo, redo, saveAction});
    m_list->addAction(renameAction);

    m_variables->setConfirmPlain([this](const QString& name) {
        return QMessageBox::question(
                   this, tr("Make “%1” plain?").arg(name),
                   tr("Its value will be written in plain text into environments/%1 — the file "
                      "git shares with everyone who clones the workspace.")
                       .arg(Model::findEnvironment(*m_workspace, m_current)
                                ? Model::findEnvironment(*m_workspace, m_current)->fileName
                                : QString()),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        const QString name = item ? item->data(Qt::UserRole).toString() : QString();
        if (name.isEmpty() || name == m_current)
            return;
        if (!selectEnvironment(name))
            refreshList(m_current); // Cancel: stay on the one being edited
    });
    connect(create, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New Environment"), tr("Name:"),
                                                   QLineEdit::Normal, QString(), &ok);
        if (ok)
            createEnvironment(name);
    });
    connect(m_duplicate, &QPushButton::clicked, this, [this] { duplicateCurrent(); });
    auto askRename = [this] {
        if (m_current.isEmpty())
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename Environment"), tr("Name:"),
                                                   QLineEdit::Normal, m_current, &ok);
        if (ok && name != m_current)
            renameCurrent(name);
    };
    connect(m_rename, &QPushButton::clicked, this, askRename);
    connect(renameAction, &QAction::triggered, this, askRename);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteCurrent(); });
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_variables->addVariable();
        const QModelIndex name = m_variables->index(row, EnvironmentVariablesModel::Name);
        m_table->setCurrentIndex(name);
        m_table->edit(name);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
            rows.append(index.row());
        if (rows.isEmpty() && m_table->currentIndex().isValid())
            rows.append(m_table->currentIndex().row());
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : std::as_const(rows))
            m_variables->removeRow(row);
    });
    connect(m_reveal, &QCheckBox::toggled, m_variables, &EnvironmentVariablesModel::setRevealed);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(saveAction, &QAction::triggered, this, [this] { save(); });
    connect(m_revert, &QPushButton::clicked, m_variables, &EnvironmentVariablesModel::revert);
    connect(m_variables, &EnvironmentVariablesModel::dirtyChanged, this,
            &EnvironmentManager::updateButtons);
    connect(m_variables, &QAbstractItemModel::dataChanged, this,
            &EnvironmentManager::updateButtons);
    connect(m_variables, &QAbstractItemModel::rowsRemoved, this,
            &EnvironmentManager::updateButtons);
    connect(m_left, &QComboBox::currentTextChanged, this, &EnvironmentManager::refreshCompare);
    connect(m_right, &QComboBox::currentTextChanged, this, &EnvironmentManager::refreshCompare);
    connect(m_onlyDifferences, &QCheckBox::toggled, this, &EnvironmentManager::fillCompare);

    refreshList({});
    if (!m_workspace->environments.empty())
        showEnvironment(m_workspace->environments.front().name);
    updateButtons();
}

EnvironmentManager::~EnvironmentManager() = default;

bool EnvironmentManager::selectEnvironment(const QString& name)
{
    if (name == m_current)
        return true;
    if (!Model::findEnvironment(*m_workspace, name) || !settle())
        return false;
    showEnvironment(name);
    return true;
}

void EnvironmentManager::showEnvironment(const QString& name)
{
    m_current = name;
    const quint64 generation = ++m_loadGeneration; // a read still under way is for another
    m_tabs->widget(0)->setEnabled(true);
    refreshList(name);
    const Model::Environment* environment = Model::findEnvironment(*m_workspace, name);
    if (!environment) {
        m_current.clear();
        m_variables->setEnvironment({});
        updateButtons();
        return;
    }
    m_variables->setEnvironment(*environment);
    const bool hasSecrets =
        std::any_of(environment->variables.cbegin(), environment->variables.cend(),
                    [](const Model::Variable& v) { return v.secret; });
    if (!hasSecrets) {
        updateButtons();
        return;
    }
    // Secret values come from the store; until they do, nothing can be edited or saved.
    m_tabs->widget(0)->setEnabled(false);
    say(tr("Reading secret values…"));
    withSecrets(*environment, [self = QPointer<EnvironmentManager>(this),
                               generation](Model::Environment loaded, const QString& problem) {
        if (!self || generation != self->m_loadGeneration)
            return;
        self->m_variables->setEnvironment(loaded);
        self->m_tabs->widget(0)->setEnabled(true);
        self->say(problem);
        self->updateButtons();
    });
}

void EnvironmentManager::withSecrets(const Model::Environment& environment,
                                     std::function<void(Model::Environment, QString)> then)
{
    m_stores([self = QPointer<EnvironmentManager>(this), environment,
              then](std::shared_ptr<Secrets::SecretStore> store) {
        if (!self)
            return;
        if (!store)
            return then(environment, tr("No secret store could be opened: secret values are "
                                        "shown as not set and cannot be saved."));
        Secrets::loadSecretValues(
            *store, self->m_workspace->id, environment,
            [store, then](Model::Environment loaded, const QList<Error>& errors) {
                then(std::move(loaded), errors.isEmpty() ? QString() : errors.front().toString());
            });
    });
}

bool EnvironmentManager::settle()
{
    if (!m_variables->isDirty())
        return true;
    const QMessageBox::StandardButton answer = QMessageBox::question(
        this, tr("Unsaved variables"),
        tr("The variables of “%1” have unsaved edits.").arg(m_current),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    m_variables->revert();
    return true;
}

bool EnvironmentManager::save()
{
    if (m_current.isEmpty() || !m_variables->isDirty())
        return true;
    if (!m_tabs->widget(0)->isEnabled())
        return false; // secret values still being read
    if (const QString problem = m_variables->problem(); !problem.isEmpty()) {
        say(problem);
        QMessageBox::warning(this, tr("Cannot save"), problem);
        return false;
    }
    const Model::Environment saved = m_variables->saved();
    const Model::Environment edited = m_variables->edited();
    Model::Environment toFile = edited;
    for (Model::Variable& variable : toFile.variables) {
        if (variable.secret)
            variable.value = QString(); // the file holds a reference only
    }
    if (Status written = Workspace::updateEnvironment(*m_workspace, toFile); !written) {
        say(written.error().toString());
        return false;
    }
    m_variables->markSaved();
    const QList<Secrets::SecretChange> changes =
        Secrets::changesForEdit(m_workspace->id, saved, edited);
    say(tr("Saved."));
    if (!changes.isEmpty()) {
        m_stores([self = QPointer<EnvironmentManager>(this),
                  changes](std::shared_ptr<Secrets::SecretStore> store) {
            if (!store) {
                if (self)
                    self->say(tr("Saved, but no secret store could be opened: the secret values "
                                 "were not kept."));
                return;
            }
            const QString backend = store->backendName();
            Secrets::applySecretChanges(store, changes, [self, backend](QList<Error> errors) {
                if (self)
                    self->refreshCompare();
                if (self)
                    self->say(errors.isEmpty()
                                  ? tr("Saved; secret values are in the %1.").arg(backend)
                                  : tr("Saved, but a secret value was not: %1")
                                        .arg(errors.front().toString()));
            });
        });
    }
    refreshCompare();
    emit environmentsChanged();
    updateButtons();
    return true;
}

Status EnvironmentManager::trash(const QString& name, Workspace::TrashedEnvironment& trashed,
                                 const QString& next)
{
    Result<Workspace::TrashedEnvironment> gone = Workspace::trashEnvironment(*m_workspace, name);
    if (!gone)
        return gone.error();
    trashed = gone.value();
    showEnvironment(Model::findEnvironment(*m_workspace, next) || m_workspace->environments.empty()
                        ? next
                        : m_workspace->environments.front().name);
    emit environmentsChanged();
    return Success{};
}

Status EnvironmentManager::restore(const Workspace::TrashedEnvironment& trashed)
{
    if (Status back = Workspace::restoreEnvironment(*m_workspace, trashed); !back)
        return back;
    showEnvironment(trashed.name);
    emit environmentsChanged();
    return Success{};
}

void EnvironmentManager::pushMade(const QString& text, const QString& made, const QString& before)
{
    auto trashed = std::make_shared<Workspace::TrashedEnvironment>();
    m_undo->push(new EditCommand(
        text, [this, trashed] { return restore(*trashed); },
        [this, trashed, made, before] { return trash(made, *trashed, before); },
        [this](const Error& error) { say(error.toString()); }));
    showEnvironment(made);
    emit environmentsChanged();
}

Status EnvironmentManager::checkNotInTrash(const QString& name) const
{
    for (const Model::Environment& deleted :
         Workspace::environmentsInTrash(m_workspace->rootPath)) {
        if (deleted.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return Error{u"env.name"_s,
                         tr("“%1” was deleted in this window and its secret values wait for Undo "
                            "(Ctrl+Z); choose another name")
                             .arg(deleted.name),
                         name};
    }
    return Success{};
}

bool EnvironmentManager::createEnvironment(const QString& name)
{
    if (!settle())
        return false;
    if (Status free = checkNotInTrash(name); !free) {
        say(free.error().message);
        return false;
    }
    const Result<QString> file = Workspace::createEnvironment(*m_workspace, name);
    if (!file) {
        say(file.error().toString());
        return false;
    }
    const QString created = name.trimmed();
    pushMade(tr("New Environment “%1”").arg(created), created, m_current);
    return true;
}

bool EnvironmentManager::duplicateCurrent()
{
    if (m_current.isEmpty() || !settle())
        return false;
    const Result<QString> copy = Workspace::duplicateEnvironment(*m_workspace, m_current);
    if (!copy) {
        say(copy.error().toString());
        return false;
    }
    pushMade(tr("Duplicate “%1”").arg(m_current), copy.value(), m_current);
    const Model::VariableList& variables =
        Model::findEnvironment(*m_workspace, copy.value())->variables;
    const bool secrets = std::any_of(variables.cbegin(), variables.cend(),
                                     [](const Model::Variable& v) { return v.secret; });
    say(secrets ? tr("Secret values are not copied: a token belongs to one environment. Set "
                     "them here.")
                : QString());
    return true;
}

Status EnvironmentManager::applyRename(const QString& from, const QString& to)
{
    const Model::Environment* environment = Model::findEnvironment(*m_workspace, from);
    if (!environment)
        return Error{u"env.missing"_s, tr("no such environment"), from};
    const Model::Environment before = *environment;
    if (Status renamed = Workspace::renameEnvironment(*m_workspace, from, to); !renamed)
        return renamed;
    const QString renamed = to.trimmed();
    if (m_current == from)
        showEnvironment(renamed); // its saved state carries the new name
    else
        refreshList(m_current);
    const QList<Secrets::SecretChange> moves =
        Secrets::changesForRename(m_workspace->id, before, renamed);
    if (!moves.isEmpty()) {
        m_stores([self = QPointer<EnvironmentManager>(this), moves,
                  renamed](std::shared_ptr<Secrets::SecretStore> store) {
            if (!store)
                return;
            Secrets::applySecretChanges(store, moves, [self, renamed](QList<Error> errors) {
                if (!self)
                    return;
                // Show the secret values where they are now (unless edits began meanwhile).
                if (self->m_current == renamed && !self->m_variables->isDirty())
                    self->showEnvironment(renamed);
                if (!errors.isEmpty())
                    self->say(tr("A secret value did not follow the rename: %1")
                                  .arg(errors.front().toString()));
            });
        });
    }
    emit environmentRenamed(from, renamed);
    emit environmentsChanged();
    return Success{};
}

bool EnvironmentManager::renameCurrent(const QString& name)
{
    if (m_current.isEmpty() || !settle())
        return false;
    const QString from = m_current;
    const QString to = name.trimmed();
    if (Status free = checkNotInTrash(to); !free) {
        say(free.error().message);
        return false;
    }
    if (Status renamed = applyRename(from, to); !renamed) {
        say(renamed.error().toString());
        return false;
    }
    m_undo->push(new EditCommand(
        tr("Rename “%1” to “%2”").arg(from, to), [this, from, to] { return applyRename(from, to); },
        [this, from, to] { return applyRename(to, from); },
        [this](const Error& error) { say(error.toString()); }));
    return true;
}

bool EnvironmentManager::deleteCurrent()
{
    if (m_current.isEmpty())
        return false;
    // Unsaved edits of the environment being deleted go with it (Undo brings back the saved one).
    m_variables->revert();
    const QString name = m_current;
    auto trashed = std::make_shared<Workspace::TrashedEnvironment>();
    if (Status gone = trash(name, *trashed, {}); !gone) {
        say(gone.error().toString());
        return false;
    }
    m_undo->push(new EditCommand(
        tr("Delete “%1”").arg(name), [this, trashed, name] { return trash(name, *trashed, {}); },
        [this, trashed] { return restore(*trashed); },
        [this](const Error& error) { say(error.toString()); }));
    say(tr("Deleted “%1” — Ctrl+Z brings it back.").arg(name));
    return true;
}

void EnvironmentManager::refreshList(const QString& select)
{
    const QSignalBlocker blockList(m_list);
    const QSignalBlocker blockLeft(m_left);
    const QSignalBlocker blockRight(m_right);
    const QString left = m_left->currentText();
    const QString right = m_right->currentText();
    m_list->clear();
    m_left->clear();
    m_right->clear();
    for (const Model::Environment& environment : m_workspace->environments) {
        auto* item = new QListWidgetItem(environment.name, m_list);
        item->setData(Qt::UserRole, environment.name);
        item->setToolTip(u"environments/"_s + environment.fileName);
        m_left->addItem(environment.name);
        m_right->addItem(environment.name);
        if (environment.name == select)
            m_list->setCurrentItem(item);
    }
    m_left->setCurrentIndex(qMax(0, m_left->findText(left)));
    const int rightIndex = m_right->findText(right);
    m_right->setCurrentIndex(rightIndex >= 0 ? rightIndex : qMin(1, m_right->count() - 1));
    refreshCompare();
}

void EnvironmentManager::compare(const QString& left, const QString& right)
{
    m_left->setCurrentText(left);
    m_right->setCurrentText(right);
    refreshCompare();
}

void EnvironmentManager::refreshCompare()
{
    const Model::Environment* left = Model::findEnvironment(*m_workspace, m_left->currentText());
    const Model::Environment* right = Model::findEnvironment(*m_workspace, m_right->currentText());
    const quint64 generation = ++m_compareGeneration;
    if (!left || !right) {
        m_comparison.clear();
        fillCompare();
        return;
    }
    const Model::Environment rightCopy = *right;
    withSecrets(*left, [self = QPointer<EnvironmentManager>(this), generation,
                        rightCopy](Model::Environment a, const QString&) {
        if (!self || generation != self->m_compareGeneration)
            return;
        self->withSecrets(rightCopy, [self, generation, a](Model::Environment b, const QString&) {
            if (!self || generation != self->m_compareGeneration)
                return;
            self->m_comparison = Vars::compareEnvironments(a, b, self->m_fingerprintKey);
            self->fillCompare();
        });
    });
}

void EnvironmentManager::fillCompare()
{
    using State = Vars::VariableComparison::State;
    m_compareModel->removeRows(0, m_compareModel->rowCount());
    m_compareModel->setHorizontalHeaderLabels(
        {tr("Variable"), m_left->currentText(), m_right->currentText(), tr("")});
    int same = 0;
    int different = 0;
    int onlyLeft = 0;
    int onlyRight = 0;
    for (const Vars::VariableComparison& row : std::as_const(m_comparison)) {
        QString state;
        QColor tint;
        switch (row.state) {
        case State::Same:
            ++same;
            state = tr("same");
            break;
        case State::Different:
            ++different;
            state = tr("differs");
            tint = QColor(255, 200, 0, 60);
            break;
        case State::OnlyLeft:
            ++onlyLeft;
            state = tr("only in %1").arg(m_left->currentText());
            tint = QColor(220, 60, 60, 50);
            break;
        case State::OnlyRight:
            ++onlyRight;
            state = tr("only in %1").arg(m_right->currentText());
            tint = QColor(60, 160, 60, 50);
            break;
        }
        if (m_onlyDifferences->isChecked() && row.state == State::Same)
            continue;
        QList<QStandardItem*> items{new QStandardItem(row.name), new QStandardItem(row.left),
                                    new QStandardItem(row.right), new QStandardItem(state)};
        for (QStandardItem* item : items) {
            if (tint.isValid())
                item->setBackground(tint);
            if (row.secret)
                item->setToolTip(tr("Secret values are compared by a fingerprint (# and 8 hex "
                                    "digits); equal values have equal fingerprints"));
        }
        m_compareModel->appendRow(items);
    }
    m_compareTable->resizeColumnToContents(0);
    m_compareSummary->setText(m_comparison.isEmpty()
                                  ? tr("Choose two environments.")
                                  : tr("%1 the same, %2 different, %3 only in %4, %5 only in %6")
                                        .arg(same)
                                        .arg(different)
                                        .arg(onlyLeft)
                                        .arg(m_left->currentText())
                                        .arg(onlyRight)
                                        .arg(m_right->currentText()));
}

void EnvironmentManager::updateButtons()
{
    const bool has = !m_current.isEmpty();
    m_duplicate->setEnabled(has);
    m_rename->setEnabled(has);
    m_delete->setEnabled(has);
    m_remove->setEnabled(has && m_variables->rowCount() > 0);
    const bool dirty = m_variables->isDirty();
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    if (QListWidgetItem* item = m_list->currentItem())
        item->setText(dirty ? m_current + u" •"_s : m_current);
}

void EnvironmentManager::say(const QString& text)
{
    m_status->setText(text);
}

void EnvironmentManager::done(int result)
{
    if (!settle())
        return;
    QDialog::done(result);
}

} // namespace Keyhole::Ui
