#include "crexport/celrules.h"

#include "crexport/yamlscalar.h"

#include <QRegularExpression>

#include <functional>
#include <map>

namespace feastconsole {

namespace {

// has(self.a.b.c): every step present and not null.
YAML::Node at(const YAML::Node &self, std::initializer_list<const char *> path)
{
    // reset() rebinds the handle; operator= would rewrite the node it points to.
    YAML::Node cur;
    cur.reset(self);
    for (const char *key : path) {
        if (!cur.IsMap())
            return YAML::Node(YAML::NodeType::Undefined);
        const YAML::Node &constCur = cur; // the const operator[] never inserts
        YAML::Node next = constCur[key];
        if (!next.IsDefined() || next.IsNull())
            return YAML::Node(YAML::NodeType::Undefined);
        cur.reset(next);
    }
    return cur;
}

bool has(const YAML::Node &self, std::initializer_list<const char *> path)
{
    return at(self, path).IsDefined();
}

QString str(const YAML::Node &self, std::initializer_list<const char *> path)
{
    return qstr(at(self, path));
}

bool isTrue(const YAML::Node &self, const char *key)
{
    const auto b = boolValue(at(self, {key}));
    return b && *b;
}

int exactlyOne(std::initializer_list<bool> flags)
{
    int n = 0;
    for (bool f : flags)
        n += f ? 1 : 0;
    return n == 1;
}

// Fields with a schema default count as set with that default (the API server
// defaults before it validates).
qint64 replicas(const YAML::Node &self)
{
    const auto v = integerValue(at(self, {"replicas"}));
    return v ? *v : 1;
}

bool scales(const YAML::Node &self)
{
    return replicas(self) > 1 || has(self, {"services", "scaling", "autoscaling"});
}

bool isObjectStoreUri(const QString &path)
{
    return path.startsWith(u"s3://") || path.startsWith(u"gs://");
}

using Check = std::function<bool(const YAML::Node &)>;
struct Rule {
    const char *id;
    const char *text;
    Check check;
};

const std::vector<Rule> &rules()
{
    static const std::vector<Rule> all = {
        {"replicas-xor-autoscaling",
         "self.replicas <= 1 || !has(self.services) || !has(self.services.scaling) || !has(self.services.scaling.autoscaling)",
         [](const YAML::Node &s) { return replicas(s) <= 1 || !has(s, {"services", "scaling", "autoscaling"}); }},
        {"scaling-needs-db-online-store",
         "self.replicas <= 1 && (!has(self.services) || !has(self.services.scaling) || !has(self.services.scaling.autoscaling)) || (has(self.services) && has(self.services.onlineStore) && has(self.services.onlineStore.persistence) && has(self.services.onlineStore.persistence.store))",
         [](const YAML::Node &s) { return !scales(s) || has(s, {"services", "onlineStore", "persistence", "store"}); }},
        {"scaling-needs-db-offline-store",
         "self.replicas <= 1 && (!has(self.services) || !has(self.services.scaling) || !has(self.services.scaling.autoscaling)) || (!has(self.services) || !has(self.services.offlineStore) || (has(self.services.offlineStore.persistence) && has(self.services.offlineStore.persistence.store)))",
         [](const YAML::Node &s) {
             return !scales(s) || !has(s, {"services", "offlineStore"})
                 || has(s, {"services", "offlineStore", "persistence", "store"});
         }},
        {"scaling-needs-db-or-remote-registry",
         "self.replicas <= 1 && (!has(self.services) || !has(self.services.scaling) || !has(self.services.scaling.autoscaling)) || (has(self.services) && has(self.services.registry) && (has(self.services.registry.remote) || (has(self.services.registry.local) && has(self.services.registry.local.persistence) && (has(self.services.registry.local.persistence.store) || (has(self.services.registry.local.persistence.file) && has(self.services.registry.local.persistence.file.path) && (self.services.registry.local.persistence.file.path.startsWith('s3://') || self.services.registry.local.persistence.file.path.startsWith('gs://')))))))",
         [](const YAML::Node &s) {
             if (!scales(s))
                 return true;
             if (has(s, {"services", "registry", "remote"}))
                 return true;
             if (has(s, {"services", "registry", "local", "persistence", "store"}))
                 return true;
             return isObjectStoreUri(str(s, {"services", "registry", "local", "persistence", "file", "path"}));
         }},
        {"authz-exactly-one", "[has(self.kubernetes), has(self.oidc), has(self.noAuth)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"kubernetes"}), has(s, {"oidc"}), has(s, {"noAuth"})}); }},
        {"project-dir-exactly-one", "[has(self.git), has(self.init), has(self.packaged)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"git"}), has(s, {"init"}), has(s, {"packaged"})}); }},
        {"git-repo-path-relative", "has(self.featureRepoPath) ? !self.featureRepoPath.startsWith('/') : true",
         [](const YAML::Node &s) { return !has(s, {"featureRepoPath"}) || !str(s, {"featureRepoPath"}).startsWith(u'/'); }},
        {"packaged-repo-path-canonical",
         "self.featureRepoPath.startsWith('/') && self.featureRepoPath != '/' && !self.featureRepoPath.contains('//') && !self.featureRepoPath.endsWith('/') && !self.featureRepoPath.contains('/./') && !self.featureRepoPath.endsWith('/.') && !self.featureRepoPath.contains('/../') && !self.featureRepoPath.endsWith('/..')",
         [](const YAML::Node &s) {
             const QString p = str(s, {"featureRepoPath"});
             return p.startsWith(u'/') && p != u"/" && !p.contains(u"//") && !p.endsWith(u'/') && !p.contains(u"/./")
                 && !p.endsWith(u"/.") && !p.contains(u"/../") && !p.endsWith(u"/..");
         }},
        {"mlflow-extra-config-no-typed-keys",
         "!has(self.extraConfig) || !('enabled' in self.extraConfig) && !('tracking_uri' in self.extraConfig) && !('ui_url' in self.extraConfig) && !('tracking_auth' in self.extraConfig) && !('auto_log' in self.extraConfig) && !('auto_log_entity_df' in self.extraConfig) && !('entity_df_max_rows' in self.extraConfig) && !('log_operations' in self.extraConfig) && !('ops_experiment_suffix' in self.extraConfig)",
         [](const YAML::Node &s) {
             const YAML::Node extraNode = at(s, {"extraConfig"});
             const YAML::Node &extra = extraNode;
             if (!extra.IsMap())
                 return true;
             for (const char *key : {"enabled", "tracking_uri", "ui_url", "tracking_auth", "auto_log",
                                     "auto_log_entity_df", "entity_df_max_rows", "log_operations", "ops_experiment_suffix"}) {
                 if (extra[key].IsDefined())
                     return false;
             }
             return true;
         }},
        {"tls-secret-unless-disabled", "(!has(self.disable) || !self.disable) ? has(self.secretRef) : true",
         [](const YAML::Node &s) { return isTrue(s, "disable") || has(s, {"secretRef"}); }},
        {"persistence-file-xor-store", "[has(self.file), has(self.store)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"file"}), has(s, {"store"})}); }},
        {"pvc-ref-xor-create", "[has(self.ref), has(self.create)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"ref"}), has(s, {"create"})}); }},
        {"pvc-mount-path", "self.mountPath.matches('^/[^:]*$')",
         [](const YAML::Node &s) {
             static const QRegularExpression re(QStringLiteral("^/[^:]*$"));
             return re.match(str(s, {"mountPath"})).hasMatch();
         }},
        {"ephemeral-path-absolute", "(!has(self.pvc) && has(self.path)) ? self.path.startsWith('/') : true",
         [](const YAML::Node &s) { return has(s, {"pvc"}) || !has(s, {"path"}) || str(s, {"path"}).startsWith(u'/'); }},
        {"pvc-path-file-name", "(has(self.pvc) && has(self.path)) ? !self.path.startsWith('/') : true",
         [](const YAML::Node &s) { return !has(s, {"pvc"}) || !has(s, {"path"}) || !str(s, {"path"}).startsWith(u'/'); }},
        {"online-no-object-store",
         "has(self.path) ? !(self.path.startsWith('s3://') || self.path.startsWith('gs://')) : true",
         [](const YAML::Node &s) { return !isObjectStoreUri(str(s, {"path"})); }},
        {"pdb-exactly-one", "[has(self.minAvailable), has(self.maxUnavailable)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"minAvailable"}), has(s, {"maxUnavailable"})}); }},
        {"registry-local-xor-remote", "[has(self.local), has(self.remote)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"local"}), has(s, {"remote"})}); }},
        {"registry-file-path-absolute-or-uri",
         "(!has(self.pvc) && has(self.path)) ? (self.path.startsWith('/') || self.path.startsWith('s3://') || self.path.startsWith('gs://')) : true",
         [](const YAML::Node &s) {
             const QString p = str(s, {"path"});
             return has(s, {"pvc"}) || !has(s, {"path"}) || p.startsWith(u'/') || isObjectStoreUri(p);
         }},
        {"registry-pvc-no-object-store",
         "(has(self.pvc) && has(self.path)) ? !(self.path.startsWith('s3://') || self.path.startsWith('gs://')) : true",
         [](const YAML::Node &s) { return !has(s, {"pvc"}) || !isObjectStoreUri(str(s, {"path"})); }},
        {"s3-kwargs-need-s3",
         "(has(self.s3_additional_kwargs) && has(self.path)) ? self.path.startsWith('s3://') : true",
         [](const YAML::Node &s) {
             return !has(s, {"s3_additional_kwargs"}) || !has(s, {"path"}) || str(s, {"path"}).startsWith(u"s3://");
         }},
        {"registry-server-rest-or-grpc", "self.restAPI == true || self.grpc == true || !has(self.grpc)",
         [](const YAML::Node &s) { return isTrue(s, "restAPI") || isTrue(s, "grpc") || !has(s, {"grpc"}); }},
        {"mcp-needs-rest", "!has(self.mcp) || !self.mcp.enabled || (has(self.restAPI) && self.restAPI == true)",
         [](const YAML::Node &s) {
             const auto enabled = boolValue(at(s, {"mcp", "enabled"}));
             return !has(s, {"mcp"}) || !(enabled && *enabled) || isTrue(s, "restAPI");
         }},
        {"remote-hostname-xor-ref", "[has(self.hostname), has(self.feastRef)].exists_one(c, c)",
         [](const YAML::Node &s) { return exactlyOne({has(s, {"hostname"}), has(s, {"feastRef"})}); }},
    };
    return all;
}

} // namespace

CelOutcome evaluateCelRule(const std::string &rule, const YAML::Node &self)
{
    if (rule.find("oldSelf") != std::string::npos)
        return CelOutcome::NeedsOldObject; // transition rules apply to updates only
    for (const Rule &r : rules()) {
        if (rule == r.text)
            return r.check(self) ? CelOutcome::Pass : CelOutcome::Fail;
    }
    return CelOutcome::NotImplemented;
}

QList<CelRuleInfo> implementedCelRules()
{
    QList<CelRuleInfo> list;
    for (const Rule &r : rules())
        list.append({QString::fromLatin1(r.id), QString::fromUtf8(r.text)});
    return list;
}

} // namespace feastconsole
