/** GitHub's error shape and the errors the double answers with. */

const DOCS = 'https://docs.github.com/rest';

/** One entry of GitHub's `errors` array on a 422. */
export interface FieldError {
  resource: string;
  field?: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
  value?: unknown;
}

/** An error answered as `{ message, documentation_url, errors? }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The JSON body GitHub sends. */
  toBody(): Record<string, unknown> {
    return { message: this.message, documentation_url: DOCS, ...(this.errors ? { errors: this.errors } : {}), status: String(this.status) };
  }
}

/** 404 as GitHub says it (GitHub never tells which part was missing). */
export const notFound = (): ApiError => new ApiError(404, 'Not Found');

/** 410 for a deleted issue. */
export const gone = (): ApiError => new ApiError(410, 'This issue was deleted');

/** 422 "Validation Failed" with field errors. */
export const validationFailed = (...errors: FieldError[]): ApiError => new ApiError(422, 'Validation Failed', errors);

/** An error a GraphQL resolver throws; `type` is GitHub's error type (NOT_FOUND, UNPROCESSABLE, ...). */
export class GraphQLDomainError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
