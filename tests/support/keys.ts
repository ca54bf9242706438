import { expect } from 'vitest';
import type { IssuedApiKey, Organisation } from './api';
import type { client } from './client';

/** An organisation registered by the administrator, with one API key of `role`. */
export async function organisationWithKey(
  admin: ReturnType<typeof client>,
  kind: string,
  role: string,
  name = `${kind} ${role}`,
) {
  const created = await admin.post<Organisation>('/v1/organisations', { name, kind });
  expect(created.status).toBe(201);
  const issued = await admin.post<IssuedApiKey>(`/v1/organisations/${created.body.id}/api-keys`, { role });
  expect(issued.status).toBe(201);
  return { id: created.body.id, key: issued.body.key, as: admin.as(issued.body.key) };
}
