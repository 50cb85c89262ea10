#include "crexport/runbook.h"

namespace feastconsole {

namespace {

QString backupSection(Topology t)
{
    QString s = QStringLiteral("## Backup and recovery\n\n"
                               "Restore in this order (the deployment guide's recovery priorities):\n\n"
                               "| Priority | Component | Recovery |\n|---|---|---|\n");
    switch (t) {
    case Topology::Minimal:
        s += QStringLiteral("| 1 | Registry (`registry.db` on its PVC) | copy the file off the PVC regularly; accept downtime on failure |\n"
                            "| 2 | Online store | not backed up: re-run materialization |\n"
                            "| 3 | Offline store (files on a PVC) | back up the PVC or its source data |\n");
        break;
    case Topology::Standard:
    case Topology::Airgapped:
        s += QStringLiteral("| 1 | Registry database (SQL) | automated PostgreSQL backups, daily plus WAL archiving; minutes of data loss at most |\n"
                            "| 2 | Online store (Redis) | RDB snapshots or AOF; it can always be rebuilt by materializing again |\n"
                            "| 3 | Offline store | your database's or cloud provider's SLA |\n");
        break;
    case Topology::EnterpriseShared:
    case Topology::EnterpriseIsolated:
        s += QStringLiteral("| 1 | Registry database (SQL) | managed replication across zones, cross-region replicas for disaster recovery |\n"
                            "| 2 | Online stores (one per tenant) | managed Redis with automatic failover; rebuildable by materialization |\n"
                            "| 3 | Offline store (warehouse) | the warehouse's own replication |\n");
        break;
    }
    s += QStringLiteral("| 4 | Feast Operator, CRDs and these manifests | keep them in Git; re-apply |\n\n");
    return s;
}

} // namespace

QString exportRunbook(const ResolvedOptions &r, const ExportBundle &bundle)
{
    QString md;
    md += QStringLiteral("# Feast on Kubernetes: %1 topology\n\n").arg(topologyId(r.options.topology));
    md += QStringLiteral("Written by `feast-console export-cr` for the Feast Operator (`feast.dev/v1`). "
                         "Authorization: **%1**; traffic tier: **%2**; TLS: **%3**.\n\n")
              .arg(authId(r.auth), trafficId(r.traffic), r.tls ? QStringLiteral("on") : QStringLiteral("off"));
    for (const QString &note : bundle.notes)
        md += QStringLiteral("> %1\n\n").arg(note);

    md += QStringLiteral("## 1. Create the secrets\n\n"
                         "The files in `templates/` hold placeholders (`<LIKE-THIS>`), never values. Copy each one, "
                         "fill it in outside version control (or have External Secrets / cert-manager create it) and apply it:\n\n");
    const auto templates = bundle.templates();
    if (templates.isEmpty())
        md += QStringLiteral("No secret is needed.\n");
    for (const Manifest *m : templates)
        md += QStringLiteral("- `%1` — %2 %3/%4: %5\n").arg(m->fileName(), m->kind, m->namespaceName, m->name, m->purpose);

    md += QStringLiteral("\n## 2. Apply the manifests, in this order\n\n```sh\n");
    for (const Manifest *m : bundle.toApply())
        md += QStringLiteral("kubectl apply -f %1\n").arg(m->fileName());
    md += QStringLiteral("```\n\n");
    for (const Manifest *m : bundle.toApply())
        md += QStringLiteral("- `%1` — %2\n").arg(m->fileName(), m->purpose);
    if (!bundle.files.isEmpty()) {
        md += QStringLiteral("\n## 3. Clients\n\n");
        for (const ExportFile &f : bundle.files)
            md += QStringLiteral("- `%1` — %2\n").arg(f.fileName, f.purpose);
    }
    md += QStringLiteral("\nCheck progress with `kubectl get feast -A` (the STATUS column turns `Ready`).\n\n");
    md += backupSection(r.options.topology);
    if (r.options.topology == Topology::Airgapped) {
        md += QStringLiteral("## Air-gapped checklist\n\n"
                             "- Push `%1` (feature repo baked in at `%2`) to the internal registry.\n"
                             "- Attach `imagePullSecrets` to the namespace's ServiceAccount: the CRD has no such field.\n"
                             "- The CronJob runs `feast apply` and `feast materialize-incremental` on `%3`.\n\n")
                  .arg(r.options.image, r.options.featureRepoPath, r.options.schedule);
    }
    if (!r.options.hybridOnline.isEmpty()) {
        md += QStringLiteral("## Hybrid online store\n\nTag each feature view with `%1: <store type>` (one of %2): the "
                             "hybrid store routes by that tag.\n\n")
                  .arg(r.options.routingTag, r.options.hybridOnline.join(QStringLiteral(", ")));
    }
    if (!r.options.hybridOffline.isEmpty()) {
        md += QStringLiteral("## Hybrid offline store\n\nThe hybrid offline store routes by each feature view's batch "
                             "source type (%1); one historical retrieval may not mix source types.\n\n")
                  .arg(r.options.hybridOffline.join(QStringLiteral(", ")));
    }
    return md;
}

} // namespace feastconsole
