import type {
  CancelSubscriptionRequest,
  CreatePlanRequest,
  CreateSubscriptionRequest,
  List,
  Plan,
  Subscription,
  SubscriptionChangePreview,
  SubscriptionChangeRequest,
  SubscriptionSettings,
  SubscriptionStatus,
  UpdatePlanRequest,
  UpdateSubscriptionSettingsRequest,
} from '@duly/core';
import type { WriteOptions } from './duly-server.js';

// The vendor API's calls for plans, subscriptions and the vendor's subscription settings.

export interface ListPlansParams {
  /** Only active plans (true) or only withdrawn ones (false); both when left out. */
  active?: boolean;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListSubscriptionsParams {
  customer?: string;
  status?: SubscriptionStatus;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

/** Options of a change of plan or quantity, which may invoice and so needs an idempotency key. */
export interface ChangeSubscriptionOptions {
  /**
   * Sent as `Idempotency-Key`: a retried change with the same key is made once. Make one
   * per change with `createIdempotencyKey()`.
   */
  idempotencyKey: string;
}

export interface PlanCalls {
  /** Creates an active plan: an amount per unit, billed every month or year. */
  create(request: CreatePlanRequest): Promise<Plan>;
  /** Lists the vendor's plans, newest first. */
  list(params?: ListPlansParams): Promise<List<Plan>>;
  retrieve(id: string): Promise<Plan>;
  /** Changes the name, description, metadata or `active`; price and interval never change. */
  update(id: string, request: UpdatePlanRequest): Promise<Plan>;
}

export interface SubscriptionCalls {
  /** Subscribes a customer to a plan; without a trial, the first period is invoiced at once. */
  create(request: CreateSubscriptionRequest, options?: WriteOptions): Promise<Subscription>;
  /** Lists the vendor's subscriptions, newest first. */
  list(params?: ListSubscriptionsParams): Promise<List<Subscription>>;
  retrieve(id: string): Promise<Subscription>;
  /**
   * Shows what a change of plan or quantity would bill, changing nothing. Pass the result's
   * `proration_date` to `change` to bill exactly its lines.
   */
  preview(id: string, request: SubscriptionChangeRequest): Promise<SubscriptionChangePreview>;
  /**
   * Changes the plan or quantity: upgrades at once with a prorated invoice, downgrades at
   * the period end unless `effective: 'now'`.
   */
  change(
    id: string,
    request: SubscriptionChangeRequest,
    options: ChangeSubscriptionOptions,
  ): Promise<Subscription>;
  /** Cancels now, or at the period end (`resume` undoes that until then). */
  cancel(id: string, request: CancelSubscriptionRequest): Promise<Subscription>;
  /** Withdraws a cancellation at the period end. */
  resume(id: string): Promise<Subscription>;
  /** Pauses now; nothing renews until `unpause`. */
  pause(id: string): Promise<Subscription>;
  /** Starts a new period now, invoiced at once. */
  unpause(id: string): Promise<Subscription>;
}

export interface SubscriptionSettingsCalls {
  /** Reads the vendor's rules for subscriptions in the key's mode. */
  retrieve(): Promise<SubscriptionSettings>;
  /** Changes the rules sent and keeps the others. */
  update(request: UpdateSubscriptionSettingsRequest): Promise<SubscriptionSettings>;
}

type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
type Post = <T>(path: string, body: unknown, options?: WriteOptions) => Promise<T>;
type Patch = <T>(path: string, body: unknown) => Promise<T>;

/** Builds the subscription calls on the server client's authenticated requests. */
export function subscriptionCalls(get: Get, post: Post, patch: Patch) {
  const segment = encodeURIComponent;
  const plans: PlanCalls = {
    create: (request) => post('v1/plans', request),
    list: (params = {}) =>
      get('v1/plans', {
        active: params.active === undefined ? undefined : String(params.active),
        limit: params.limit,
        cursor: params.cursor,
      }),
    retrieve: (id) => get(`v1/plans/${segment(id)}`),
    update: (id, request) => patch(`v1/plans/${segment(id)}`, request),
  };

  const subscriptions: SubscriptionCalls = {
    create: (request, options) => post('v1/subscriptions', request, options),
    list: (params = {}) =>
      get('v1/subscriptions', {
        customer: params.customer,
        status: params.status,
        limit: params.limit,
        cursor: params.cursor,
      }),
    retrieve: (id) => get(`v1/subscriptions/${segment(id)}`),
    preview: (id, request) => post(`v1/subscriptions/${segment(id)}/preview`, request),
    change: (id, request, options) => {
      if (!options?.idempotencyKey) {
        return Promise.reject(
          new TypeError(
            'subscriptions.change: options.idempotencyKey is required; make one per change with createIdempotencyKey().',
          ),
        );
      }
      return post(`v1/subscriptions/${segment(id)}/change`, request, options);
    },
    cancel: (id, request) => post(`v1/subscriptions/${segment(id)}/cancel`, request),
    resume: (id) => post(`v1/subscriptions/${segment(id)}/resume`, {}),
    pause: (id) => post(`v1/subscriptions/${segment(id)}/pause`, {}),
    unpause: (id) => post(`v1/subscriptions/${segment(id)}/unpause`, {}),
  };

  const subscriptionSettings: SubscriptionSettingsCalls = {
    retrieve: () => get('v1/subscription_settings'),
    update: (request) => patch('v1/subscription_settings', request),
  };

  return { plans, subscriptions, subscriptionSettings };
}
