import type {
  EmailMessage,
  EmailSettings,
  List,
  SendTestEmailRequest,
  UpdateEmailSettingsRequest,
} from '@duly/core';

// The vendor API's calls for the emails Duly sends customers: the SMTP settings, a test
// message, and the list of messages with their delivery status.

export interface ListEmailsParams {
  invoice?: string;
  customer?: string;
  kind?: EmailMessage['kind'];
  status?: EmailMessage['status'];
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface EmailSettingsCalls {
  /** Reads the settings of the key's mode; the SMTP password is never returned. */
  retrieve(): Promise<EmailSettings>;
  /**
   * Changes the fields given and keeps the others; `null` clears one. Turning a kind on
   * needs `smtp_host` and `from_address`.
   */
  update(request: UpdateEmailSettingsRequest): Promise<EmailSettings>;
  /**
   * Sends a test message to `to` through the stored settings and resolves once the SMTP
   * server accepted it. Rejects with `email_delivery_failed` and the server's reason otherwise.
   */
  sendTest(request: SendTestEmailRequest): Promise<EmailMessage>;
}

export interface EmailCalls {
  /** Lists the emails queued for customers and the test messages, newest first. */
  list(params?: ListEmailsParams): Promise<List<EmailMessage>>;
}

type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
type Send = <T>(path: string, body: unknown) => Promise<T>;

/** Builds the email calls on the server client's authenticated `get`, `post` and `patch`. */
export function emailCalls(get: Get, post: Send, patch: Send) {
  const emailSettings: EmailSettingsCalls = {
    retrieve: () => get('v1/email_settings'),
    update: (request) => patch('v1/email_settings', request),
    sendTest: (request) => post('v1/email_settings/test', request),
  };
  const emails: EmailCalls = {
    list: (params = {}) =>
      get('v1/emails', {
        invoice: params.invoice,
        customer: params.customer,
        kind: params.kind,
        status: params.status,
        limit: params.limit,
        cursor: params.cursor,
      }),
  };
  return { emailSettings, emails };
}
