import { QueryClient, useQuery } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * The web app's one query cache (TanStack Query). Every answer is stored under the key of the
 * request that asked for it, and a screen shows only the entry of its current key: an answer
 * that arrives after the screen moved on (another tab, shop or order) lands in its own entry
 * and is never shown in place of the current one.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An API failure is shown at once; staff decide whether to try again.
      retry: false,
      refetchOnWindowFocus: false,
      // Screens load afresh when they open: staff act on what RMS and colleagues changed.
      staleTime: 0,
    },
  },
});

interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a screen. `deps` (plain values) say which data `load` fetches: when they
 * change, the screen shows nothing from the old ones, and their late answers are never applied.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  // Each use has its own entries: two screens may load different things with the same deps.
  const owner = useId();
  const query = useQuery({ queryKey: ['resource', owner, ...deps], queryFn: load });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: query.data ?? null,
    error: query.error ? asApiError(query.error) : null,
    loading: query.isFetching,
    reload,
  };
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'CLIENT_ERROR', message, '画面の処理中にエラーが発生しました。', null);
}

interface ApiAction {
  busy: boolean;
  error: ApiError | null;
  /** Runs `action` with `busy` set and the last error cleared; an API failure lands in `error`. */
  run: (action: () => Promise<void>) => Promise<void>;
}

/** The state every button or form that changes something through the API keeps. */
export function useApiAction(): ApiAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
