// Every application the key may see, a page of 100 at a time (docs/integrating.md shows this file).
import { createCofundClient, unwrap } from '../src/index.js';

const cofund = createCofundClient({ baseUrl: 'https://cofund.example.org', apiKey: 'cfk_your_key' });

let cursor: string | undefined;
do {
  const page = unwrap(await cofund.GET('/v1/applications', { params: { query: { limit: 100, cursor } } }));
  for (const application of page.items) console.log(application.id, application.status, application.title);
  cursor = page.nextCursor ?? undefined;
} while (cursor);
