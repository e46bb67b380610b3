import type { DemoMailbox, Mail, MailList, MailPreview, MailState, MailTemplate, MailTemplateList, MailTestResult, MailTrigger, OrderMails, MailAuthAlerts } from './mail-types.ts';
import { api } from './client.ts';

export interface TemplateBody {
  name: string;
  subject: string;
  body: string;
  autoTrigger: MailTrigger | null;
  version?: number;
}

export type MailContentBody = { templateId: number } | { subject: string; body: string };

const shop = (code: string) => `/api/shops/${encodeURIComponent(code)}/mail`;

/** The buyer-mail endpoints (docs/MAIL.md), one function each. */
export const mailEndpoints = {
  templates: (shopCode: string) => api.get<MailTemplateList>(`${shop(shopCode)}/templates`),
  createTemplate: (shopCode: string, body: TemplateBody) => api.post<MailTemplate>(`${shop(shopCode)}/templates`, body),
  saveTemplate: (shopCode: string, id: number, body: TemplateBody) => api.put<MailTemplate>(`${shop(shopCode)}/templates/${id}`, body),
  preview: (orderNumber: string, content: MailContentBody) => api.post<MailPreview>('/api/mail/preview', { orderNumber, ...content }),
  send: (shopCode: string, orderNumbers: string[], content: MailContentBody) => api.post<{ mails: Mail[] }>(`${shop(shopCode)}/send`, { orderNumbers, ...content }),
  test: (shopCode: string) => api.post<MailTestResult>(`${shop(shopCode)}/test`),
  log: (query: { shop?: string; state?: MailState; before?: number; limit?: number }) => api.get<MailList>('/api/mail', { ...query }),
  mail: (id: number) => api.get<Mail>(`/api/mail/${id}`),
  resend: (id: number) => api.post<Mail>(`/api/mail/${id}/resend`),
  orderMails: (orderNumber: string) => api.get<OrderMails>(`/api/orders/${encodeURIComponent(orderNumber)}/mail`),
  setAutoMail: (orderNumber: string, stopped: boolean) => api.put<{ stopped: boolean }>(`/api/orders/${encodeURIComponent(orderNumber)}/mail/auto`, { stopped }),
  alerts: () => api.get<MailAuthAlerts>('/api/mail-alerts'),
  demoMailbox: () => api.get<DemoMailbox>('/api/demo/mailbox'),
};
