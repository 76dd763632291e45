import { CONNECTORS } from '../connector-catalog';
import { optionsTypeOf } from '../framework/connector';
import { assetTypeField, noteField, timeoutField } from './connector-form-fields';

describe('connector form fields', () => {
  it('builds the shared inputs with their bounds and fresh values', () => {
    expect(timeoutField(120)).toEqual({ name: 'timeout', label: 'Timeout (s)', kind: 'number', min: 1, max: 3600, initial: '120' });
    expect(assetTypeField()).toEqual({ name: 'asset_type', label: 'Asset type', kind: 'asset-type', initial: 'OTHER' });
    expect(noteField('Kubernetes')).toEqual({ name: 'note', label: 'Note', kind: 'text', placeholder: 'Imported from Kubernetes', wide: true });
    expect(noteField()).toEqual({ name: 'note', label: 'Note', kind: 'text', placeholder: 'Optional; overwrites existing notes' });
  });

  it.each(CONNECTORS.map((C) => [C.name, C] as const))('%s: inputs are unique and a fresh form shows the defaults of the options DTO', (_name, C) => {
    const provider = new (C as unknown as new () => InstanceType<typeof C>)();
    const defaults = new (optionsTypeOf(provider))() as Record<string, unknown>;
    const names = provider.form.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of provider.form.fields) if (f.initial !== undefined) expect([f.name, String(defaults[f.name])]).toEqual([f.name, f.initial]);
  });
});
