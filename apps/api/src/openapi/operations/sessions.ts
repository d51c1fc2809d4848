import {
  CreatedPortalSessionSchema,
  CreatePortalSessionRequestSchema,
  PortalSessionSchema,
} from '@duly/core';
import type { OperationArea } from '../operation.js';

/** Minting portal sessions on the vendor backend, and reading one in the portal. */
export const sessionArea: OperationArea = {
  tags: [
    {
      name: 'Portal sessions',
      description:
        'Short-lived tokens that let one customer use the portal. The vendor backend mints one per visit and hands it to the widget.',
    },
  ],
  operations: [
    {
      method: 'post',
      path: '/v1/portal_sessions',
      operationId: 'createPortalSession',
      summary: 'Create a portal session',
      description:
        'The token in the response is shown once; the session lasts an hour unless `expires_in` says otherwise, and `features` limits what the customer can do.',
      tag: 'Portal sessions',
      auth: 'secret_key',
      body: CreatePortalSessionRequestSchema,
      response: {
        status: 201,
        description: 'The session with its token.',
        body: { schema: CreatedPortalSessionSchema },
      },
      problems: ['customer_not_found'],
    },
    {
      method: 'get',
      path: '/v1/portal/session',
      operationId: 'retrievePortalSession',
      summary: 'Retrieve the session summary',
      description:
        "The customer, the vendor's branding, the features on, and the balances per currency.",
      tag: 'Portal: account',
      auth: 'portal_session',
      response: {
        status: 200,
        description: 'The session summary.',
        body: { schema: PortalSessionSchema },
      },
      problems: [],
    },
  ],
};
