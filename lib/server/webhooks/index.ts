export { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, updateWebhook } from "./manage-webhooks";
export { listWebhookDeliveries, sendTestWebhook } from "./test-webhook";
export { deliverDueWebhooks, MAX_ATTEMPTS, retryDelayMs } from "./deliver-webhooks";
export { enqueueNotifications } from "./enqueue-notifications";
export { alertmanagerBody, type AlertmanagerAlert, type AlertmanagerBody } from "./alertmanager-body";
export { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./sign-webhook";
export { CreateWebhookInput, ListDeliveriesInput, RotateWebhookSecretInput, UpdateWebhookInput } from "./schemas";
export type { WebhookDeliveryView, WebhookView } from "./webhook-view";
