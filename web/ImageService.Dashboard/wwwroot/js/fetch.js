// The dashboard's HTTP (Services/BrowserFetch.cs): the browser's fetch, text in and out. Never rejects: a network
// failure (or a CORS refusal) is status 0 with the reason as the body.
export async function send(method, url, body, contentType, bearer, accept) {
  const headers = {};
  if (contentType) headers["Content-Type"] = contentType;
  if (bearer) headers["Authorization"] = "Bearer " + bearer;
  if (accept) headers["Accept"] = accept;
  try {
    const response = await fetch(url, { method, headers, body: body ?? undefined });
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      contentLength: response.headers.get("content-length"),
      body: method === "HEAD" ? "" : await response.text(),
    };
  } catch (error) {
    return { status: 0, contentType: null, contentLength: null, body: String(error) };
  }
}
