-- A canonical group stands for at most one group of each connected system. Two groups of one
-- system with the same name were linked to one canonical group before this migration: the
-- later link is dropped, and the next import reports that group as a name conflict.
DELETE FROM group_links l
 USING group_links earlier
 WHERE l.connector_id = earlier.connector_id
   AND l.group_id = earlier.group_id
   AND (earlier.linked_at, earlier.external_id) < (l.linked_at, l.external_id);
CREATE UNIQUE INDEX group_links_one_per_group ON group_links (connector_id, group_id);
