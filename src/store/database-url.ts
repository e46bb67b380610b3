/** A JUCHU_DATABASE_URL juchu cannot open: neither file:PATH nor postgres://…. */
export class DatabaseUrlError extends Error {
  constructor(url: string) {
    super(`unsupported database URL "${url}": use file:PATH or postgres://…`);
    this.name = 'DatabaseUrlError';
  }
}
