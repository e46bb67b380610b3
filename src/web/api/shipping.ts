import type { LabelCheck, LabelSelectionInput, PackageChoice, SavedFilterView, SavedSelectionInput, TrackingCommit, TrackingPreview, TrackingPreviewRow } from '../../server/api/shipping-schemas.ts';
import { api, currentCsrfToken, requestRaw, toApiError } from './client.ts';

export type { LabelCheck, LabelSelectionInput, PackageChoice, SavedFilterView, SavedSelectionInput, TrackingCommit, TrackingPreview, TrackingPreviewRow };
export type PlannedPackage = LabelCheck['packages'][number];

/** The shipping day's endpoints (routes/shipping.ts). */
export const shippingEndpoints = {
  checkLabels: (selection: LabelSelectionInput) => api.post<LabelCheck>('/api/shipping/labels/check', selection),

  /** The label file as a Blob with the file name the server gave it. */
  async exportLabels(selection: LabelSelectionInput): Promise<{ blob: Blob; fileName: string }> {
    const res = await requestRaw('POST', '/api/shipping/labels/export', JSON.stringify(selection), 'application/json');
    const disposition = res.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${selection.carrier}.csv`;
    return { blob: await res.blob(), fileName };
  },

  setChoice: (orderNumber: string, basketId: number, choice: PackageChoice) =>
    api.put<PackageChoice>(`/api/orders/${encodeURIComponent(orderNumber)}/packages/${basketId}/shipping`, choice),

  /** Uploads a tracking file, reporting the bytes sent (fetch cannot tell an upload's progress). */
  uploadTracking(file: File, carrier: string, onProgress: (fraction: number) => void): Promise<TrackingPreview> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/shipping/tracking/previews${carrier ? `?carrier=${encodeURIComponent(carrier)}` : ''}`);
      const token = currentCsrfToken();
      if (token) xhr.setRequestHeader('x-csrf-token', token);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(toApiError(0, null));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as TrackingPreview);
        else reject(toApiError(xhr.status, body));
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },

  previewRows: (id: string, query: { offset?: number; limit?: number; outcome?: string }) =>
    api.get<TrackingPreviewRow[]>(`/api/shipping/tracking/previews/${encodeURIComponent(id)}/rows`, query),
  savedFilters: (shopCode: string) => api.get<{ filters: SavedFilterView[] }>('/api/shipping/filters', { shopCode }),
  saveFilter: (input: { name: string; shopCode: string | null; selection: SavedSelectionInput }) => api.post<SavedFilterView>('/api/shipping/filters', input),
  renameFilter: (id: number, name: string) => api.patch<SavedFilterView>(`/api/shipping/filters/${id}`, { name }),
  deleteFilter: (id: number) => api.delete<{ deleted: number }>(`/api/shipping/filters/${id}`),
  commitTracking: (id: string) => api.post<TrackingCommit>(`/api/shipping/tracking/previews/${encodeURIComponent(id)}/commit`),
};
