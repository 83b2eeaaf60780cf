#pragma once

#include "core/Result.h"
#include "core/model/PreparedRequest.h"

#include <QByteArray>
#include <QDateTime>

namespace Keyhole::Auth {

// Resolved AWS credentials and where they are used.
struct AwsSigning {
    QByteArray accessKey;
    QByteArray secretKey;
    QByteArray sessionToken;   // temporary credentials; sent as X-Amz-Security-Token
    QByteArray region;         // "us-east-1"
    QByteArray service;        // "s3", "execute-api", "iam", ...
    bool inQuery = false;      // presigned URL instead of an Authorization header
    int expiresSeconds = 3600; // presigned URLs only
};

// The intermediate texts of a signature, for tests and for showing the user what was signed.
struct AwsSignature {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;     // hex
    QByteArray authorization; // the header value (empty for a presigned URL)
};

// Signs `request` with AWS Signature Version 4 at time `now`: adds X-Amz-Date, the session
// token, X-Amz-Content-Sha256 for S3, and the Authorization header — or, with `inQuery`, the
// X-Amz-* query parameters of a presigned URL. Signed headers: Host, Content-Type, every
// header the request itself carries (not User-Agent, Expect, Content-Length) and every
// X-Amz-*. S3 paths are encoded once and not normalized; other services' twice (AWS's rule).
// Fails when a required part (keys, region, service) is empty.
Result<AwsSignature> signAwsV4(Model::PreparedRequest& request, const AwsSigning& signing,
                               const QDateTime& now);

} // namespace Keyhole::Auth
