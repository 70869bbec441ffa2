// Uploads with per-file progress (Services/BrowserUploads.cs, [JSImport]). fetch() reports no upload progress,
// XMLHttpRequest does; the file bytes go straight from the browser's File object to the server, never through .NET
// memory.
const batches = new Map();
let nextBatch = 1;

// Snapshot the input's files: choosing again while uploads run must not change what those uploads send.
export function stage(inputId) {
  const id = nextBatch++;
  batches.set(id, Array.from(document.getElementById(inputId)?.files || []));
  return id;
}

export function names(batch) {
  return batches.get(batch).map(file => file.name);
}

export function sizes(batch) {
  return batches.get(batch).map(file => file.size);
}

export function release(batch) {
  batches.delete(batch);
}

// headers and fields: [name, value, name, value, ...]. fields === null: the file is the raw body (a presigned PUT);
// otherwise a multipart form with the fields first and the file last as "file" (POST /images, or S3's presigned POST
// which requires the file to be the last field). Never rejects: a network failure is status 0.
export function send(batch, index, method, url, headers, fields, bearer, progress) {
  const file = batches.get(batch)[index];
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (let i = 0; i + 1 < headers.length; i += 2) xhr.setRequestHeader(headers[i], headers[i + 1]);
    if (bearer) xhr.setRequestHeader("Authorization", "Bearer " + bearer);
    xhr.upload.onprogress = e => { if (e.lengthComputable) progress(e.loaded, e.total); };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => resolve({ status: 0, body: "" });
    let body = file;
    if (fields !== null) {
      body = new FormData();
      for (let i = 0; i + 1 < fields.length; i += 2) body.append(fields[i], fields[i + 1]);
      body.append("file", file, file.name);
    }
    xhr.send(body);
  });
}
