import { humanize } from '../shared/format';
import type { ConnectorType } from './connectorsApi';

/** The installed connector types as cards; picking one opens its settings form. */
export function TypePicker({ types, onPick }: { types: ConnectorType[]; onPick: (type: ConnectorType) => void }) {
  return (
    <ul className="type-grid" aria-label="Connector types">
      {types.map((type) => (
        <li key={type.id}>
          <button type="button" className="type-card" data-testid={`connector-type-${type.id}`} onClick={() => onPick(type)}>
            <span className="type-name">{type.displayName}</span>
            <span className="type-id">
              {type.id}
              {type.pluginId && ` · ${type.pluginId}${type.pluginVersion ? ` ${type.pluginVersion}` : ''}`}
            </span>
            <span className="type-description">{type.description}</span>
            <span className="chips" aria-label="Capabilities">
              {(type.capabilities ?? []).map((c) => (
                <span key={c} className="chip" title={c}>
                  {humanize(c)}
                </span>
              ))}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
