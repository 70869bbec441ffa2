// Viewer request of the dashboard's distribution (cloudfront-js-2.0). The app lives under /app/: the site root and
// /app redirect there; a path under /app/ without a file extension is a client-side route and gets index.html, so a
// reload or a shared link to /app/images/{id} opens the app on that page. Files keep their own paths.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/" || uri === "/app") {
    return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "/app/" } } };
  }
  if (uri.indexOf("/app/") === 0) {
    var last = uri.substring(uri.lastIndexOf("/") + 1);
    if (last.indexOf(".") < 0) {
      request.uri = "/app/index.html";
    }
  }
  return request;
}
