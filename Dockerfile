# syntax=docker/dockerfile:1
# livechat-survey: build with dev dependencies, run with production dependencies only.
#   docker build -t livechat-survey .
#   docker run -p 3000:3000 -e MONGODB_URI=mongodb://... livechat-survey
# The embedded FerretDB (the no-setup default of `npm start`) is not in the image: a container
# always talks to a real MongoDB, and MONGODB_URI is required (NODE_ENV=production).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: nothing needs an install script to compile, and none may fetch a toolchain.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY scripts/build.js scripts/web-budget.js ./scripts/
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node and reaps zombies, so the app's shutdown hooks run on
# `docker stop` and on a Kubernetes pod deletion alike (no need for `docker run --init`).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
# The V8 heap capped at 128 MB: uncapped on a large host, V8 lets garbage grow the heap to
# ~250 MB RSS under load before collecting it. The young generation is set to 16 MB semi-spaces:
# V8 sizes it from the cap (a few MB at 128), so a report's short-lived documents were promoted
# and the old space collected over and over (5-7 s of CPU per report at 10,000 rooms, instead of
# 0.2 s). Live data is ~50 MB (docs/PERFORMANCE.md); override NODE_OPTIONS to change it (the
# Helm chart derives it from the container's memory limit).
ENV NODE_ENV=production \
    PORT=3000 \
    METRICS_PORT=9464 \
    NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=16"
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY package.json ./
# The base image's `node` user, by number so Kubernetes' runAsNonRoot can verify it. The app's
# files stay root-owned: the process cannot rewrite its own code.
USER 1000:1000
# 3000: the API, the one port to publish; 9464: Prometheus metrics, for the scraper only.
EXPOSE 3000 9464
# Slim images have no curl: node itself asks the liveness route (global fetch, Node 18+).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
