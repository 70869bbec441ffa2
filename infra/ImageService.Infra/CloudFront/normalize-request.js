// CloudFront Function (runtime cloudfront-js-2.0), viewer request, on the delivery behaviour.
// It makes the cache key canonical before CloudFront looks it up, so equivalent URLs share one cache entry and one
// rendering:
//  - only transform parameters survive, in one fixed (sorted) order, one value each; anything else (cache busters,
//    tracking parameters) is dropped;
//  - when the format is negotiated (f=auto, or no f), the Accept header becomes one token, image/avif, image/webp or
//    image/jpeg, which the cache policy keys on and the origin negotiates from; otherwise Accept is removed, so it
//    cannot split the cache;
//  - the viewer's Host is copied into x-forwarded-host (replacing whatever the viewer sent there): CloudFront sends
//    the origin's own host as Host, and the origin finds a custom domain's account by this header, which the cache
//    policy keys on so two customers' domains never share a cached response.
// variant names a stored transform (?variant=card); the origin refuses it mixed with the others.
var PARAMETERS = ['bg', 'blur', 'dpr', 'exp', 'f', 'fit', 'flip', 'flop', 'gravity', 'h', 'q', 'rot', 'sig', 'variant', 'w'];

// True when the Accept header lists the media type with a non-zero quality.
function accepts(accept, mediaType) {
    var ranges = accept.toLowerCase().split(',');
    for (var i = 0; i < ranges.length; i++) {
        var parts = ranges[i].split(';');
        if (parts[0].trim() !== mediaType) {
            continue;
        }
        var quality = 1;
        for (var j = 1; j < parts.length; j++) {
            var parameter = parts[j].trim();
            if (parameter.indexOf('q=') === 0) {
                quality = parseFloat(parameter.substring(2));
            }
        }
        if (quality > 0) {
            return true;
        }
    }
    return false;
}

function negotiate(accept) {
    if (accepts(accept, 'image/avif')) {
        return 'image/avif';
    }
    if (accepts(accept, 'image/webp')) {
        return 'image/webp';
    }
    return 'image/jpeg';
}

function handler(event) {
    var request = event.request;
    var query = request.querystring;
    var canonical = {};
    for (var i = 0; i < PARAMETERS.length; i++) {
        var entry = query[PARAMETERS[i]];
        if (entry) {
            // A repeated parameter keeps its first value, as the origin would read it.
            canonical[PARAMETERS[i]] = { value: entry.multiValue ? entry.multiValue[0].value : entry.value };
        }
    }
    request.querystring = canonical;

    var format = canonical.f ? canonical.f.value : 'auto';
    if (format === 'auto') {
        var accept = request.headers.accept ? request.headers.accept.value : '';
        request.headers.accept = { value: negotiate(accept) };
    } else {
        delete request.headers.accept;
    }

    if (request.headers.host) {
        request.headers['x-forwarded-host'] = { value: request.headers.host.value };
    } else {
        delete request.headers['x-forwarded-host'];
    }
    return request;
}
