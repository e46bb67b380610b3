import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a screen; answers that arrive after a newer request are dropped. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (request !== latest.current) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    // `load` is rebuilt on each render; `deps` say when it really changed.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
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
