import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/** The official HAR 1.2 schema (har-schema 2.0.0 in ../shared/conformance/har), checked by ajv 8 as its README says. */
export const HAR_DIR = new URL('../../../../shared/conformance/har/', import.meta.url);

export function officialHarValidator(): (document: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addMetaSchema(draft06);
  const schemaDir = new URL('schema/', HAR_DIR);
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')));
  }
  const validate = ajv.getSchema('har.json#');
  if (validate === undefined) throw new Error('har.json is not in the schema folder');
  return (document) => validate(document) === true;
}

export function sampleHarFiles(): Array<{ name: string; text: string }> {
  const filesDir = new URL('files/', HAR_DIR);
  return readdirSync(filesDir)
    .filter((name) => name.endsWith('.har'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, filesDir), 'utf8') }));
}
