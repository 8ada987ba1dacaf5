import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { ConfirmDeleteDialog } from '../shared/ConfirmDeleteDialog';
import { DeleteButton } from '../shared/DeleteButton';
import { DetailPageFallback } from '../shared/DetailPageFallback';
import { ErrorAlert, Notice } from '../shared/ErrorAlert';
import { FlashNotice } from '../shared/FlashNotice';
import { formatDateTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { PageHeader } from '../shared/PageHeader';
import { PAGE_SIZE, useCursorPages } from '../shared/paging';
import { useConfirmDelete } from '../shared/useConfirmDelete';
import { useFlash } from '../shared/useFlash';
import { usePageActions } from '../shared/usePageActions';
import type { UserSummary } from '../users/usersApi';
import { GroupForm } from './GroupForm';
import { GroupMembersCard } from './GroupMembersCard';
import { addGroupMember, deleteGroup, getGroup, listGroupMembers, removeGroupMember, updateGroup, type GroupInput } from './groupsApi';

/** The route: a fresh page (and state) for every group. */
export function GroupDetailRoute() {
  const { groupId = '' } = useParams();
  return <GroupDetailPage key={groupId} groupId={groupId} />;
}

/** One group: rename, describe, delete, and its members (add, remove), 50 a page. */
export function GroupDetailPage({ groupId }: { groupId: string }) {
  const { can } = useSession();
  const [flash, setFlash] = useFlash();
  const loadGroup = useCallback(() => getGroup(groupId), [groupId]);
  const group = useLoad(loadGroup, [groupId]);
  const loadMembers = useCallback((cursor: string | undefined) => listGroupMembers(groupId, { limit: PAGE_SIZE, cursor }), [groupId]);
  const members = useCursorPages(loadMembers, groupId);
  const [formVersion, setFormVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  /** `delete`, or the id of the member being removed. */
  const actions = usePageActions<string>(() => {
    setFlash(undefined);
    setSaved(false);
  });

  const g = group.data;
  const operate = can('operate');
  const deletion = useConfirmDelete({
    actions,
    remove: () => deleteGroup(groupId),
    leaveTo: '/groups',
    flash: `Group “${g?.name ?? groupId}” deleted.`,
  });

  const save = async (body: GroupInput) => {
    actions.start();
    await updateGroup(groupId, body);
    await group.reload();
    setFormVersion((v) => v + 1);
    setSaved(true);
  };

  const addMember = async (user: UserSummary) => {
    actions.start();
    await addGroupMember(groupId, user.id);
    members.reload();
    void group.reload();
    setFlash(`“${user.userName}” added to the group.`);
  };

  const removeMember = (user: UserSummary) =>
    void actions.run(user.id, async () => {
      await removeGroupMember(groupId, user.id);
      members.reload();
      void group.reload();
      setFlash(`“${user.userName}” removed from the group.`);
    });

  const breadcrumb = <Link to="/groups">← Groups</Link>;
  if (!g) {
    return <DetailPageFallback noun="group" listPath="/groups" listNoun="groups" breadcrumb={breadcrumb} error={group.error} />;
  }

  return (
    <>
      <PageHeader
        title={g.name}
        subtitle={
          <>
            Group · <span className="mono small">{g.id}</span>
          </>
        }
        breadcrumb={breadcrumb}
        actions={operate && <DeleteButton testId="group-delete" disabled={actions.busy !== null} onClick={deletion.ask} />}
      />

      <FlashNotice message={flash} />
      <ErrorAlert error={actions.error} />

      <div className="detail-grid">
        <section className="card" aria-labelledby="group-summary-title">
          <h2 id="group-summary-title" className="section-title">
            Summary
          </h2>
          <dl className="props">
            <dt>Members</dt>
            <dd data-testid="group-member-count">{g.memberCount ?? '—'}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(g.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDateTime(g.updatedAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-label="Name and description">
          {saved && <Notice tone="success">Changes saved.</Notice>}
          <GroupForm key={`${g.id}-${formVersion}`} mode="edit" group={g} readOnly={!operate} onSubmit={save} />
        </section>
      </div>

      <GroupMembersCard members={members} operate={operate} disabled={actions.busy !== null} onAdd={addMember} onRemove={removeMember} />

      <ConfirmDeleteDialog deletion={deletion} title={`Delete group “${g.name}”?`}>
        <p>The group is removed from the hub; its members stay. This cannot be undone.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
