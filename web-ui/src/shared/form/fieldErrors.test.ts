import { describe, expect, it } from 'vitest';
import { fieldPathSegments, matchFieldErrors } from './fieldErrors';

const known = ['name', 'settings.urls', 'settings.bindDn', 'settings.tls.trustStore'];

describe('matchFieldErrors', () => {
  it('matches a JSON pointer and a dotted path to the same settings field', () => {
    const pointer = matchFieldErrors([{ field: '/settings/urls', message: 'required' }], known);
    const dotted = matchFieldErrors([{ field: 'settings.urls', message: 'required' }], known);
    expect(pointer.byPath).toEqual({ 'settings.urls': 'required' });
    expect(dotted.byPath).toEqual({ 'settings.urls': 'required' });
  });

  it('attributes an error on a list item to the list field', () => {
    const { byPath } = matchFieldErrors([{ field: '/settings/urls/1', message: 'not a URL' }], known);
    expect(byPath).toEqual({ 'settings.urls': 'not a URL' });
  });

  it('matches by the last segment when the hub names the field differently', () => {
    const { byPath } = matchFieldErrors([{ field: '#/properties/bindDn', message: 'too long' }], known);
    expect(byPath).toEqual({ 'settings.bindDn': 'too long' });
  });

  it('keeps the connector name apart from the settings', () => {
    const { byPath } = matchFieldErrors([{ field: '/name', message: 'already used' }], known);
    expect(byPath).toEqual({ name: 'already used' });
  });

  it('returns errors no field shows so the page can list them', () => {
    const { byPath, unmatched } = matchFieldErrors(
      [
        { field: '/settings', message: 'unknown property "colour"' },
        { field: '', message: 'something else' },
      ],
      known,
    );
    expect(byPath).toEqual({});
    expect(unmatched.map((e) => e.message)).toEqual(['unknown property "colour"', 'something else']);
  });

  it('reads JSON-path style and bracketed indexes', () => {
    expect(fieldPathSegments('$.settings.urls[0]')).toEqual(['settings', 'urls']);
    expect(fieldPathSegments('settings.tls.trustStore')).toEqual(['settings', 'tls', 'trustStore']);
  });
});
