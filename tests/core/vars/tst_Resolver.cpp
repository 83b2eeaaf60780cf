#include "core/vars/Resolver.h"
#include "core/vars/WorkspaceScopes.h"
#include "core/workspace/JsonCodec.h"

#include <QRegularExpression>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestResolver final : public QObject {
    Q_OBJECT

private slots:
    void laterScopesWin()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Global, {{u"a"_s, u"global"_s}, {u"b"_s, u"global-b"_s}});
        resolver.addScope(Vars::Scope::Environment, {{u"a"_s, u"env"_s}});
        resolver.addScope(Vars::Scope::Runtime, {{u"a"_s, u"runtime"_s, false, false}});
        QCOMPARE(resolver.resolve(u"{{a}}/{{ b }}"_s).text, u"env/global-b"_s);
        QCOMPARE(resolver.lookup(u"a"_s)->scope, Vars::Scope::Environment);
    }

    void unresolvedStayLiteralAndAreRecorded()
    {
        Vars::Resolver resolver;
        const Vars::Resolved resolved = resolver.resolve(u"Bearer {{token}} {{token}} {{x}}"_s);
        QCOMPARE(resolved.text, u"Bearer {{token}} {{token}} {{x}}"_s);
        QCOMPARE(resolved.unresolved, (QStringList{u"token"_s, u"x"_s}));
    }

    void nestedValuesResolve()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment,
                          {{u"host"_s, u"127.0.0.1"_s}, {u"base"_s, u"http://{{host}}:1"_s}});
        QCOMPARE(resolver.resolve(u"{{base}}/x"_s).text, u"http://127.0.0.1:1/x"_s);
    }

    void cyclesAreReportedNotFollowed()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment, {{u"a"_s, u"{{b}}"_s}, {u"b"_s, u"{{a}}"_s}});
        const Vars::Resolved resolved = resolver.resolve(u"{{a}}"_s);
        QCOMPARE(resolved.cycles, QStringList{u"a → b → a"_s});
        QCOMPARE(resolved.unresolved, QStringList{u"a"_s});
    }

    void escapesAndUnclosedBraces()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Global, {{u"a"_s, u"1"_s}});
        QCOMPARE(resolver.resolve(u"\\{{a}} {{a}} {{open"_s).text, u"{{a}} 1 {{open"_s);
    }

    void dynamicValues()
    {
        Vars::Resolver resolver;
        const QString text = resolver.resolve(u"{{$guid}}|{{$timestamp}}|{{$randomInt}}"_s).text;
        static const QRegularExpression shape(
            u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\|\\d{10}\\|\\d{1,4}$"_s);
        QVERIFY2(shape.match(text).hasMatch(), qPrintable(text));
    }

    void usesDescribeEveryReference()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment, {{u"base"_s, u"http://{{host}}"_s},
                                                     {u"host"_s, u"h"_s},
                                                     {u"token"_s, QString(), true, true}});
        const QList<Vars::Resolver::Use> uses = resolver.uses(
            u"{{base}}/{{missing}}?t={{token}}&id={{$guid}}&again={{base}}\\{{no}}"_s);
        QCOMPARE(uses.size(), 4);
        QCOMPARE(uses[0].name, u"base"_s);
        QVERIFY(uses[0].resolved);
        QCOMPARE(uses[0].value, u"http://h"_s);
        QCOMPARE(uses[0].scope, Vars::Scope::Environment);
        QCOMPARE(uses[1].name, u"missing"_s);
        QVERIFY(!uses[1].resolved && !uses[1].secret);
        QCOMPARE(uses[2].name, u"token"_s);
        QVERIFY(!uses[2].resolved && uses[2].secret);
        QVERIFY(uses[2].value.isEmpty());
        QVERIFY(uses[3].dynamic);
    }

    void secretValuesAreReported()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment,
                          {{u"token"_s, u"s3cret"_s, true, true}, {u"a"_s, u"1"_s}});
        const Vars::Resolved resolved = resolver.resolve(u"Bearer {{token}} {{a}}"_s);
        QCOMPARE(resolved.secretValues, QStringList{u"s3cret"_s});
    }

    void exponentialExpansionIsCutOff()
    {
        Vars::Resolver resolver;
        Model::VariableList variables{{u"v0"_s, QString(64, u'x')}};
        for (int i = 1; i < 16; ++i)
            variables.append({u"v%1"_s.arg(i), u"{{v%1}}{{v%1}}{{v%1}}{{v%1}}"_s.arg(i - 1)});
        resolver.addScope(Vars::Scope::Environment, variables);
        const Vars::Resolved resolved = resolver.resolve(u"{{v15}}"_s);
        QVERIFY(resolved.text.size() < 16 * 1024 * 1024);
        QVERIFY(resolved.cycles.join(u' ').contains(u"expansion larger than"_s));
    }

    void plainValuesBuiltFromSecretsStayHidden()
    {
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment, {{u"token"_s, u"s3cret-token"_s, true, true},
                                                     {u"auth"_s, u"Bearer {{token}}"_s}});
        const QList<Vars::Resolver::Use> uses = resolver.uses(u"{{auth}}"_s);
        QVERIFY(uses.first().secret);
        QVERIFY(uses.first().value.isEmpty());
    }

    void workspaceScopeChain()
    {
        Model::Workspace workspace;
        workspace.globals = {{u"v"_s, u"global"_s}, {u"g"_s, u"g"_s}};
        Model::Collection collection;
        collection.path = u"c"_s;
        collection.variables = {{u"v"_s, u"collection"_s}, {u"c"_s, u"c"_s}};
        Model::Folder folder;
        folder.path = u"c/f"_s;
        folder.variables = {{u"f"_s, u"folder"_s}};
        folder.requests.push_back({u"c/f/r.request.json"_s, {}});
        collection.folders.push_back(folder);
        workspace.collections.push_back(collection);
        const Model::Environment environment{
            u"e"_s, {}, {{u"v"_s, u"env"_s}, {u"f"_s, u"env"_s}}, {}};

        const Vars::Resolver resolver = Vars::resolverFor(workspace, u"c/f/r.request.json"_s,
                                                          &environment, {{u"r"_s, u"runtime"_s}});
        QCOMPARE(resolver.resolve(u"{{g}} {{c}} {{v}} {{f}} {{r}}"_s).text,
                 u"g c env folder runtime"_s);
        QCOMPARE(resolver.lookup(u"f"_s)->scope, Vars::Scope::Folder);
    }

    // The request's own variables: over its folders and the environment, under runtime
    // values; a disabled one does not count; an edited (unsaved) list can be given.
    void requestScopeSitsBetweenFoldersAndRuntime()
    {
        Model::Workspace workspace;
        Model::Collection collection;
        collection.path = u"c"_s;
        collection.variables = {{u"page"_s, u"1"_s}};
        Model::RequestTemplate request;
        request.variables = {
            {u"page"_s, u"7"_s, true}, {u"size"_s, u"50"_s, true}, {u"off"_s, u"x"_s, false}};
        collection.requests.push_back({u"c/r.request.json"_s, request});
        workspace.collections.push_back(collection);
        const Model::Environment environment{u"e"_s, {}, {{u"size"_s, u"10"_s}}, {}};

        Vars::Resolver resolver =
            Vars::resolverFor(workspace, u"c/r.request.json"_s, &environment, {});
        QCOMPARE(resolver.resolve(u"{{page}}/{{size}}/{{off}}"_s).text, u"7/50/{{off}}"_s);
        QCOMPARE(resolver.lookup(u"page"_s)->scope, Vars::Scope::Request);
        QCOMPARE(Vars::scopeName(Vars::Scope::Request), u"request"_s);
        resolver = Vars::resolverFor(workspace, u"c/r.request.json"_s, &environment,
                                     {{u"page"_s, u"9"_s}});
        QCOMPARE(resolver.resolve(u"{{page}}"_s).text, u"9"_s);
        const Model::KeyValueList edited{{u"page"_s, u"3"_s, true}};
        resolver = Vars::resolverFor(workspace, u"c/r.request.json"_s, &environment, {}, &edited);
        QCOMPARE(resolver.resolve(u"{{page}}/{{size}}"_s).text, u"3/10"_s);

        // Saved and read back as "variables" (nothing written when there are none).
        const QByteArray json = Workspace::requestToJson(request);
        QVERIFY(json.contains("\"variables\""));
        QCOMPARE(Workspace::requestFromJson(json, u"r"_s).value().variables, request.variables);
        QVERIFY(!Workspace::requestToJson({}).contains("\"variables\""));
    }
};

QTEST_GUILESS_MAIN(TestResolver)
#include "tst_Resolver.moc"
