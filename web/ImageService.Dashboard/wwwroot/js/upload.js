// Uploads with per-file progress. fetch() reports no upload progress, XMLHttpRequest does; the file bytes go straight
// from the browser's File object to the server, never through .NET memory.
const batches = new Map();
let nextBatch = 1;

// Snapshot the input's files: choosing again while uploads run must not change what those uploads send.
export function stage(input) {
  const id = nextBatch++;
  batches.set(id, Array.from(input.files || []));
  return id;
}

export function release(batch) {
  batches.delete(batch);
}

// fields === null: the file is the raw body (a presigned PUT); otherwise a multipart form with the fields first and the
// file last as "file" (POST /images, or S3's presigned POST which requires the file to be the last field).
export function send(batch, index, method, url, headers, fields, bearer, progress) {
  const file = batches.get(batch)[index];
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers || {})) xhr.setRequestHeader(name, value);
    if (bearer) xhr.setRequestHeader("Authorization", "Bearer " + bearer);
    xhr.upload.onprogress = e => { if (e.lengthComputable) progress.invokeMethodAsync("Report", e.loaded, e.total); };
    xhr.onload = () => resolve(JSON.stringify({ status: xhr.status, body: xhr.responseText }));
    xhr.onerror = () => resolve(JSON.stringify({ status: 0, body: "" }));
    let body = file;
    if (fields !== null) {
      body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      body.append("file", file, file.name);
    }
    xhr.send(body);
  });
}
