import {
  CancelSubscriptionRequestSchema,
  CreatePlanRequestSchema,
  CreateSubscriptionRequestSchema,
  PlanSchema,
  PortalSubscriptionOptionsSchema,
  type ProblemCode,
  SubscriptionChangePreviewSchema,
  SubscriptionChangeRequestSchema,
  SubscriptionSchema,
  SubscriptionSettingsSchema,
  UpdatePlanRequestSchema,
  UpdateSubscriptionSettingsRequestSchema,
} from '@duly/core';
import { z } from 'zod';
import { PageQuerySchema } from '../../http/pagination.js';
import { ListPlansQuerySchema } from '../../plans/plan-routes.js';
import { ListSubscriptionsQuerySchema } from '../../subscriptions/subscription-routes.js';
import type { ApiOperation, OperationArea } from '../operation.js';

const planId = { id: 'The plan id, `plan_…`.' };
const subscriptionId = { id: 'The subscription id, `sub_…`.' };

/** The body of resume, pause and unpause: no fields, or no body at all. */
const EmptyRequest = { name: 'EmptyRequest', schema: z.strictObject({}) };

const CHANGE_PROBLEMS: readonly ProblemCode[] = [
  'subscription_not_found',
  'plan_not_found',
  'plan_inactive',
  'plan_currency_mismatch',
  'plan_interval_mismatch',
  'subscription_status_conflict',
];

type SubscriptionAction = 'preview' | 'change' | 'cancel' | 'resume' | 'pause' | 'unpause';

/**
 * Builds the operation of one subscription action, which the vendor API and the portal
 * share with the same body and response.
 */
function actionOperation(action: SubscriptionAction, side: 'vendor' | 'portal'): ApiOperation {
  const portal = side === 'portal';
  const base = {
    method: 'post' as const,
    path: `${portal ? '/v1/portal' : '/v1'}/subscriptions/{id}/${action}`,
    tag: portal ? 'Portal: subscriptions' : 'Subscriptions',
    auth: portal ? ('portal_session' as const) : ('secret_key' as const),
    pathParams: subscriptionId,
  };
  const suffix = portal ? 'PortalSubscription' : 'Subscription';
  const returned = {
    status: 200 as const,
    description: 'The subscription after the action.',
    body: { schema: SubscriptionSchema },
  };

  switch (action) {
    case 'preview':
      return {
        ...base,
        operationId: `preview${suffix}Change`,
        summary: 'Preview a change of plan or quantity',
        description:
          'Prorates by the second at `proration_date` with the same function the change uses. Pass the preview’s `proration_date` to the change so that its invoice equals the preview.',
        body: SubscriptionChangeRequestSchema,
        response: {
          status: 200,
          description: 'What the change would cost and when it takes effect.',
          body: { schema: SubscriptionChangePreviewSchema },
        },
        problems: CHANGE_PROBLEMS,
      };
    case 'change':
      return {
        ...base,
        operationId: `change${suffix}`,
        summary: 'Change the plan or quantity',
        description:
          'An upgrade takes effect now and issues an invoice of the prorated net charge; a downgrade waits for the period end unless the vendor takes it now. A `proration_date` older than an hour or outside the current period is rejected.',
        body: SubscriptionChangeRequestSchema,
        idempotencyKey: 'required',
        response: returned,
        problems: [...CHANGE_PROBLEMS, 'proration_date_invalid'],
      };
    case 'cancel':
      return {
        ...base,
        operationId: `cancel${suffix}`,
        summary: 'Cancel a subscription',
        description: 'Now, or at the end of the current period, which `resume` undoes until then.',
        body: CancelSubscriptionRequestSchema,
        response: returned,
        problems: [
          'subscription_not_found',
          'subscription_status_conflict',
          'cancellation_reason_invalid',
        ],
      };
    case 'resume':
      return {
        ...base,
        operationId: `resume${suffix}`,
        summary: 'Undo a cancellation at period end',
        body: EmptyRequest,
        bodyOptional: true,
        response: returned,
        problems: ['subscription_not_found', 'subscription_status_conflict'],
      };
    case 'pause':
      return {
        ...base,
        operationId: `pause${suffix}`,
        summary: 'Pause a subscription',
        description: portal
          ? 'Only where the vendor’s subscription settings allow pausing from the portal. No renewals while paused.'
          : 'No renewals while paused.',
        body: EmptyRequest,
        bodyOptional: true,
        response: returned,
        problems: portal
          ? ['subscription_not_found', 'subscription_status_conflict', 'pause_not_allowed']
          : ['subscription_not_found', 'subscription_status_conflict'],
      };
    case 'unpause':
      return {
        ...base,
        operationId: `unpause${suffix}`,
        summary: 'Unpause a subscription',
        description: 'Starts a new period now.',
        body: EmptyRequest,
        bodyOptional: true,
        response: returned,
        problems: ['subscription_not_found', 'subscription_status_conflict'],
      };
  }
}

const ACTIONS: readonly SubscriptionAction[] = [
  'preview',
  'change',
  'cancel',
  'resume',
  'pause',
  'unpause',
];

/** Plans, subscriptions and their settings in the vendor API; subscriptions in the portal. */
export const subscriptionArea: OperationArea = {
  tags: [
    {
      name: 'Plans',
      description: 'Prices billed every month or year, per unit, in one currency.',
    },
    {
      name: 'Subscriptions',
      description:
        'Customers’ subscriptions to plans: periods, renewals that issue invoices, proration of changes, cancellation and pausing.',
    },
    {
      name: 'Portal: subscriptions',
      description: 'The customer’s own subscriptions, with the `subscriptions` portal feature.',
    },
  ],
  operations: [
    {
      method: 'post',
      path: '/v1/plans',
      operationId: 'createPlan',
      summary: 'Create a plan',
      tag: 'Plans',
      auth: 'secret_key',
      body: CreatePlanRequestSchema,
      response: { status: 201, description: 'The new plan.', body: { schema: PlanSchema } },
      problems: ['amount_too_large'],
    },
    {
      method: 'get',
      path: '/v1/plans',
      operationId: 'listPlans',
      summary: 'List plans',
      tag: 'Plans',
      auth: 'secret_key',
      query: ListPlansQuerySchema,
      response: { status: 200, description: 'One page of plans.', body: { list: PlanSchema } },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/plans/{id}',
      operationId: 'retrievePlan',
      summary: 'Retrieve a plan',
      tag: 'Plans',
      auth: 'secret_key',
      pathParams: planId,
      response: { status: 200, description: 'The plan.', body: { schema: PlanSchema } },
      problems: ['plan_not_found'],
    },
    {
      method: 'patch',
      path: '/v1/plans/{id}',
      operationId: 'updatePlan',
      summary: 'Update a plan',
      description: 'Changes its name, description, or whether it can still be chosen.',
      tag: 'Plans',
      auth: 'secret_key',
      pathParams: planId,
      body: UpdatePlanRequestSchema,
      response: { status: 200, description: 'The updated plan.', body: { schema: PlanSchema } },
      problems: ['plan_not_found'],
    },
    {
      method: 'post',
      path: '/v1/subscriptions',
      operationId: 'createSubscription',
      summary: 'Create a subscription',
      description:
        'Issues the first period’s invoice at once, unless the subscription starts with a trial.',
      tag: 'Subscriptions',
      auth: 'secret_key',
      body: CreateSubscriptionRequestSchema,
      idempotencyKey: 'optional',
      response: {
        status: 201,
        description: 'The new subscription.',
        body: { schema: SubscriptionSchema },
      },
      problems: ['customer_not_found', 'plan_not_found', 'plan_inactive', 'amount_too_large'],
    },
    {
      method: 'get',
      path: '/v1/subscriptions',
      operationId: 'listSubscriptions',
      summary: 'List subscriptions',
      tag: 'Subscriptions',
      auth: 'secret_key',
      query: ListSubscriptionsQuerySchema,
      response: {
        status: 200,
        description: 'One page of subscriptions.',
        body: { list: SubscriptionSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/subscriptions/{id}',
      operationId: 'retrieveSubscription',
      summary: 'Retrieve a subscription',
      tag: 'Subscriptions',
      auth: 'secret_key',
      pathParams: subscriptionId,
      response: {
        status: 200,
        description: 'The subscription.',
        body: { schema: SubscriptionSchema },
      },
      problems: ['subscription_not_found'],
    },
    ...ACTIONS.map((action) => actionOperation(action, 'vendor')),
    {
      method: 'get',
      path: '/v1/subscription_settings',
      operationId: 'retrieveSubscriptionSettings',
      summary: 'Retrieve the subscription settings',
      tag: 'Subscriptions',
      auth: 'secret_key',
      response: {
        status: 200,
        description: 'The settings of the key’s mode.',
        body: { schema: SubscriptionSettingsSchema },
      },
      problems: [],
    },
    {
      method: 'patch',
      path: '/v1/subscription_settings',
      operationId: 'updateSubscriptionSettings',
      summary: 'Update the subscription settings',
      description:
        'Pausing from the portal, when downgrades take effect, the retry days of a failed renewal and what follows the last retry, and the cancellation reasons offered.',
      tag: 'Subscriptions',
      auth: 'secret_key',
      body: UpdateSubscriptionSettingsRequestSchema,
      response: {
        status: 200,
        description: 'The updated settings.',
        body: { schema: SubscriptionSettingsSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/portal/subscriptions',
      operationId: 'listPortalSubscriptions',
      summary: 'List the customer’s subscriptions',
      tag: 'Portal: subscriptions',
      auth: 'portal_session',
      query: PageQuerySchema,
      response: {
        status: 200,
        description: 'One page of subscriptions.',
        body: { list: SubscriptionSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/portal/subscriptions/{id}',
      operationId: 'retrievePortalSubscription',
      summary: 'Retrieve one of the customer’s subscriptions',
      tag: 'Portal: subscriptions',
      auth: 'portal_session',
      pathParams: subscriptionId,
      response: {
        status: 200,
        description: 'The subscription.',
        body: { schema: SubscriptionSchema },
      },
      problems: ['subscription_not_found'],
    },
    {
      method: 'get',
      path: '/v1/portal/subscription_options',
      operationId: 'retrievePortalSubscriptionOptions',
      summary: 'Retrieve the choices for a change or cancellation',
      description: 'The active plans, the cancellation reasons, and whether pausing is allowed.',
      tag: 'Portal: subscriptions',
      auth: 'portal_session',
      response: {
        status: 200,
        description: 'The options.',
        body: { schema: PortalSubscriptionOptionsSchema },
      },
      problems: [],
    },
    ...ACTIONS.map((action) => actionOperation(action, 'portal')),
  ],
};
