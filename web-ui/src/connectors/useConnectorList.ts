import { useLoad } from '../shared/hooks';
import { listConnectors } from './connectorsApi';

/** The connectors, once, and their names by id (for filters and for naming where a change came from). */
export function useConnectorList() {
  const loaded = useLoad(listConnectors, []);
  const names = new Map<string, string>((loaded.data ?? []).map((c) => [c.id, c.name]));
  return { ...loaded, names };
}
