# syntax=docker/dockerfile:1
# Build stage: compiles better-sqlite3 and the TypeScript sources, then drops dev dependencies.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Everything the build reads (tsconfig.build.json: src, migrations, bench); .dockerignore keeps the rest out.
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what the server needs, as an unprivileged user.
FROM node:20-bookworm-slim
ARG IPOCKET_VERSION=dev
ARG IPOCKET_COMMIT=unknown
ARG IPOCKET_BUILD_TIME=unknown
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    IPAM_DB_PATH=/data/ipocket.db \
    IPOCKET_DOCKER_RUNTIME=true \
    IPOCKET_VERSION=${IPOCKET_VERSION} \
    IPOCKET_COMMIT=${IPOCKET_COMMIT} \
    IPOCKET_BUILD_TIME=${IPOCKET_BUILD_TIME}
RUN groupadd --system ipocket \
 && useradd --system --gid ipocket --home-dir /app --shell /usr/sbin/nologin ipocket \
 && mkdir -p /data \
 && chown ipocket:ipocket /data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root views ./views
COPY --chown=root:root static ./static
USER ipocket
VOLUME ["/data"]
EXPOSE 8000
# The slim image has no curl: ask /health with node itself (503 when the database does not answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node's default heap settings: the big responses are written by the database, so they make little garbage
# (docs/performance.md).
CMD ["node", "dist/src/main.js"]
