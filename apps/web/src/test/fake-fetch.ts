/**
 * A stand-in for fetch in component tests: `answer` gets the request's URL as a string and its
 * init, and returns the Response (or a promise of it).
 */
export function fakeFetch(
  answer: (url: string, init?: RequestInit) => Response | Promise<Response>,
): typeof fetch {
  return (input, init) => new Promise((resolve) => resolve(answer(urlOf(input), init)));
}

const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
