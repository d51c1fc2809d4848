/**
 * Makes sure the demo vendor has a webhook endpoint at `url` for every event, and returns
 * `{ id, url, secret }`. An endpoint at that URL is reused across runs. Its secret comes from
 * `known` (the demo's state file) when that names the same endpoint. Otherwise the secret is
 * rolled, because the API returns a secret only when it is created or rolled.
 */
export async function ensureWebhookEndpoint(duly, url, known) {
  const existing = await findEndpoint(duly, url);
  if (existing === undefined) {
    const created = await duly.webhookEndpoints.create({
      url,
      enabled_events: ['*'],
      description: 'The example site of npm run demo',
    });
    console.log(`Registered the webhook endpoint ${created.id} for ${url}.`);
    return { id: created.id, url, secret: created.secret };
  }
  if (existing.status !== 'enabled') {
    await duly.webhookEndpoints.update(existing.id, { status: 'enabled' });
  }
  if (known?.id === existing.id && typeof known.secret === 'string') {
    console.log(`Using the webhook endpoint ${existing.id} for ${url}.`);
    return { id: existing.id, url, secret: known.secret };
  }
  const rolled = await duly.webhookEndpoints.rollSecret(existing.id);
  console.log(`Using the webhook endpoint ${existing.id} for ${url}, with a new secret.`);
  return { id: existing.id, url, secret: rolled.secret };
}

async function findEndpoint(duly, url) {
  let cursor;
  do {
    const page = await duly.webhookEndpoints.list({ limit: 100, cursor });
    const match = page.data.find((endpoint) => endpoint.url === url);
    if (match !== undefined) return match;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return undefined;
}
