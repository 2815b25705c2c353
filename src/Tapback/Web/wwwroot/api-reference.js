// The API reference page: renders /openapi/v1.json (a file, not inline, so the page's CSP allows it).
const document_ = await (await fetch('/openapi/v1.json')).json();
const schemas = document_.components?.schemas ?? {};
const resolve = (schema) => schema?.$ref ? schemas[schema.$ref.split('/').pop()] : schema;

// An example body built from the schema, so a reader sees the wire names at a glance.
function example(schema, depth = 0) {
  schema = resolve(schema);
  if (!schema || depth > 4) return null;
  const type = Array.isArray(schema.type) ? schema.type.find(t => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, example(v, depth + 1)]));
  }
  if (type === 'array') return [example(schema.items, depth + 1)];
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return 0;
  return schema.format === 'date-time' ? '2026-11-23T09:00:00Z' : 'string';
}

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

function render() {
  const prefix = document.getElementById('filter').value;
  const root = document.getElementById('paths');
  root.replaceChildren();
  for (const [path, operations] of Object.entries(document_.paths ?? {})) {
    if (!path.startsWith(prefix)) continue;
    for (const [verb, operation] of Object.entries(operations)) {
      const section = document.createElement('section');
      const heading = document.createElement('div');
      heading.append(text('span', verb.toUpperCase(), `verb ${verb}`), text('code', path));
      section.append(heading);
      if (operation.summary) section.append(text('p', operation.summary));
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (body) {
        const details = document.createElement('details');
        details.append(text('summary', 'Request body'), text('pre', JSON.stringify(example(body), null, 2)));
        section.append(details);
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content ?? {};
        const [mediaType, media] = Object.entries(content)[0] ?? [];
        const details = document.createElement('details');
        details.append(text('summary', `${status} ${response.description ?? ''} ${mediaType ?? ''}`));
        if (media?.schema) details.append(text('pre', JSON.stringify(example(media.schema), null, 2)));
        section.append(details);
      }
      root.append(section);
    }
  }
}

document.getElementById('filter').addEventListener('change', render);
render();
