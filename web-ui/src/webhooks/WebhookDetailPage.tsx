import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ConfirmDeleteDialog } from '../shared/ConfirmDeleteDialog';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { DeleteButton } from '../shared/DeleteButton';
import { DetailPageFallback } from '../shared/DetailPageFallback';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { useConfirmDelete } from '../shared/useConfirmDelete';
import { useFlash } from '../shared/useFlash';
import { usePageActions } from '../shared/usePageActions';
import { DeliveryLog } from './DeliveryLog';
import { SecretDialog } from './SecretDialog';
import { WebhookForm } from './WebhookForm';
import { WebhookSummary } from './WebhookSummary';
import { deleteWebhook, getWebhook, HEALTH_POLL_MS, rotateWebhookSecret, sendTestWebhook, updateWebhook, type WebhookInput, type WebhookWithSecret } from './webhooksApi';

type Action = 'toggle' | 'rotate' | 'test' | 'delete';

/** The route: a fresh page (and state) for every webhook. */
export function WebhookDetailRoute() {
  const { webhookId = '' } = useParams();
  return <WebhookDetailPage key={webhookId} webhookId={webhookId} />;
}

/** One webhook: its settings, enable/disable, secret rotation, a test event, delete, and its delivery log. */
export function WebhookDetailPage({ webhookId }: { webhookId: string }) {
  const { can } = useSession();
  const [flash, setFlash] = useFlash();
  const load = useCallback(() => getWebhook(webhookId), [webhookId]);
  // Polled for fresh delivery health; the settings form keeps what is being typed.
  const webhook = useLoad(load, [webhookId], HEALTH_POLL_MS);
  const [formVersion, setFormVersion] = useState(0);
  const [logVersion, setLogVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotated, setRotated] = useState<WebhookWithSecret>();
  const actions = usePageActions<Action>(() => {
    setFlash(undefined);
    setSaved(false);
  });
  const configure = can('configure');
  const w = webhook.data;

  const deletion = useConfirmDelete({
    actions,
    remove: () => deleteWebhook(webhookId),
    leaveTo: '/webhooks',
    flash: `Webhook for ${w?.url ?? webhookId} deleted.`,
  });

  const save = async (body: WebhookInput) => {
    actions.start();
    await updateWebhook(webhookId, body);
    await webhook.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const toggle = () =>
    void actions.run('toggle', async () => {
      const enabled = !w?.enabled;
      await updateWebhook(webhookId, { enabled });
      await webhook.reload();
      setFlash(enabled ? 'Webhook enabled: new changes are delivered again.' : 'Webhook disabled: no deliveries are sent until it is enabled again.');
    });

  const rotate = () =>
    void actions.run('rotate', async () => {
      setConfirmRotate(false);
      setRotated(await rotateWebhookSecret(webhookId));
      await webhook.reload();
    });

  const sendTest = () =>
    void actions.run('test', async () => {
      const delivery = await sendTestWebhook(webhookId);
      setFlash(`Test event queued (delivery ${delivery.id}): its outcome shows in the delivery log.`);
      setLogVersion((v) => v + 1);
    });

  const breadcrumb = <Link to="/webhooks">← Webhooks</Link>;
  if (!w) return <DetailPageFallback noun="webhook" listPath="/webhooks" listNoun="webhooks" breadcrumb={breadcrumb} error={webhook.error} />;

  const busy = actions.busy !== null;
  return (
    <>
      <PageHeader
        title={<span className="wrap-anywhere">{w.url}</span>}
        subtitle={w.description || 'Webhook'}
        breadcrumb={breadcrumb}
        actions={
          <>
            {can('operate') && (
              <button type="button" className="btn" data-testid="webhook-test" disabled={busy || !w.enabled} title={w.enabled ? undefined : 'Enable the webhook first'} onClick={sendTest}>
                {actions.busy === 'test' ? 'Sending…' : 'Send test event'}
              </button>
            )}
            {configure && (
              <button type="button" className="btn" data-testid="webhook-rotate" disabled={busy} onClick={() => setConfirmRotate(true)}>
                Rotate secret
              </button>
            )}
            {configure && <DeleteButton testId="webhook-delete" disabled={busy} onClick={deletion.ask} />}
          </>
        }
      />

      <FlashNotice message={flash} />
      <ErrorAlert error={actions.error} />
      {w.previousSecretValidUntil && new Date(w.previousSecretValidUntil).getTime() > Date.now() && (
        <Notice tone="info" testId="previous-secret">
          The secret was rotated: deliveries are signed with both the new and the old secret until {formatDateTime(w.previousSecretValidUntil)}.
        </Notice>
      )}

      <div className="detail-grid">
        <WebhookSummary webhook={w} canToggle={configure} busy={busy} toggling={actions.busy === 'toggle'} onToggle={toggle} />
        <section className="card" aria-label="Settings">
          {saved && <Notice tone="success">Changes saved.</Notice>}
          <WebhookForm key={`${w.id}-${formVersion}`} mode="edit" webhook={w} readOnly={!configure} onSubmit={save} />
        </section>
      </div>

      <DeliveryLog webhookId={webhookId} operate={can('operate')} version={logVersion} />

      <ConfirmDialog
        open={confirmRotate}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        busy={actions.busy === 'rotate'}
        onConfirm={rotate}
        onCancel={() => setConfirmRotate(false)}
      >
        <p>The hub makes a new secret and shows it once. For a while deliveries are signed with both, so receivers can switch to the new one.</p>
      </ConfirmDialog>
      {rotated && (
        <SecretDialog title="New signing secret" secret={rotated.secret} onClose={() => setRotated(undefined)}>
          <p data-testid="rotation-grace">
            {rotated.webhook.previousSecretValidUntil
              ? `The old secret keeps working until ${formatDateTime(rotated.webhook.previousSecretValidUntil)}: update your receivers before then.`
              : 'The old secret no longer works: update your receivers now.'}
          </p>
        </SecretDialog>
      )}
      <ConfirmDeleteDialog deletion={deletion} title="Delete this webhook?">
        <p>The hub stops sending to {w.url} and forgets its delivery log. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
