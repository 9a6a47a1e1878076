{{/*
Expand the name of the chart.
*/}}
{{- define "livechat-survey.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, truncated at 63 characters (DNS label limit).
*/}}
{{- define "livechat-survey.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "livechat-survey.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "livechat-survey.labels" -}}
helm.sh/chart: {{ include "livechat-survey.chart" . }}
{{ include "livechat-survey.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "livechat-survey.selectorLabels" -}}
app.kubernetes.io/name: {{ include "livechat-survey.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "livechat-survey.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "livechat-survey.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The settings as the app will read them: config, with the app's own defaults where a key is left
out (src/config/environment.ts), so the chart's checks hold whatever config contains.
*/}}
{{- define "livechat-survey.shutdownDelayMs" -}}
{{- $config := .Values.config | default dict }}
{{- ne (toString (get $config "SHUTDOWN_DELAY_MS")) "" | ternary (get $config "SHUTDOWN_DELAY_MS") 0 | int }}
{{- end }}

{{- define "livechat-survey.shutdownGraceMs" -}}
{{- $config := .Values.config | default dict }}
{{- ne (toString (get $config "SHUTDOWN_GRACE_MS")) "" | ternary (get $config "SHUTDOWN_GRACE_MS") 10000 | int }}
{{- end }}

{{- define "livechat-survey.rateLimitEnabled" -}}
{{- $config := .Values.config | default dict }}
{{- ne (toString (get $config "RATE_LIMIT_ENABLED")) "false" }}
{{- end }}

{{/* The fewest and the most replicas the Deployment can run. */}}
{{- define "livechat-survey.minReplicas" -}}
{{- .Values.autoscaling.enabled | ternary .Values.autoscaling.minReplicas .Values.replicaCount | int }}
{{- end }}

{{- define "livechat-survey.maxReplicas" -}}
{{- .Values.autoscaling.enabled | ternary .Values.autoscaling.maxReplicas .Values.replicaCount | int }}
{{- end }}

{{/* TRUST_PROXY: trustProxy, else one hop (the ingress controller) with the chart's Ingress, else none. */}}
{{- define "livechat-survey.trustProxy" -}}
{{- if ne (toString .Values.trustProxy) "" }}
{{- toString .Values.trustProxy }}
{{- else if .Values.ingress.enabled }}
{{- "1" }}
{{- else }}
{{- "false" }}
{{- end }}
{{- end }}

{{/* A Kubernetes memory quantity (256Mi, 1Gi, 300M, 268435456) in whole MiB. */}}
{{- define "livechat-survey.memoryMiB" -}}
{{- $q := toString . }}
{{- $units := list (list "Ki" 1024.0) (list "Mi" 1048576.0) (list "Gi" 1073741824.0) (list "Ti" 1099511627776.0) (list "k" 1000.0) (list "M" 1000000.0) (list "G" 1000000000.0) (list "T" 1000000000000.0) }}
{{- $bytes := 0.0 }}
{{- $matched := false }}
{{- range $units }}
{{- if and (not $matched) (hasSuffix (index . 0) $q) }}
{{- $bytes = mulf (trimSuffix (index . 0) $q | float64) (index . 1) }}
{{- $matched = true }}
{{- end }}
{{- end }}
{{- if not $matched }}
{{- $bytes = float64 $q }}
{{- end }}
{{- divf $bytes 1048576.0 | floor | int }}
{{- end }}

{{/*
NODE_OPTIONS with the V8 heap cap derived from the memory limit; empty when there is none. The
young generation gets semi-spaces of 1/8 of the cap, at most 16 MB: V8 derives a few MB from a
small cap, and a report's short-lived documents then fill the old space (docs/PERFORMANCE.md).
*/}}
{{- define "livechat-survey.nodeOptions" -}}
{{- $limit := dig "limits" "memory" "" (.Values.resources | default dict) }}
{{- if and $limit (gt (int .Values.heapPercentOfMemoryLimit) 0) }}
{{- $mib := include "livechat-survey.memoryMiB" $limit | int }}
{{- if le $mib 0 }}
{{- fail (printf "resources.limits.memory %q is not a memory quantity (e.g. 256Mi)" (toString $limit)) }}
{{- end }}
{{- $heap := div (mul $mib (int .Values.heapPercentOfMemoryLimit)) 100 }}
{{- printf "--max-old-space-size=%d --max-semi-space-size=%d" $heap (max 1 (min 16 (div $heap 8))) }}
{{- end }}
{{- end }}

{{/* The chart's own Secret: rendered when it holds at least one value. */}}
{{- define "livechat-survey.secretData" -}}
{{- if not .Values.mongodb.existingSecret }}
mongodb-uri: {{ .Values.mongodb.uri | b64enc | quote }}
{{- end }}
{{- if and .Values.redis.url (not .Values.redis.existingSecret) }}
redis-url: {{ .Values.redis.url | b64enc | quote }}
{{- end }}
{{- if and .Values.apiKeys.entries (not .Values.apiKeys.existingSecret) }}
api-keys: {{ .Values.apiKeys.entries | b64enc | quote }}
{{- end }}
{{- if and .Values.reports.apiKeyDigests (not .Values.reports.existingSecret) }}
reports-api-keys: {{ .Values.reports.apiKeyDigests | b64enc | quote }}
{{- end }}
{{- end }}

{{/* The Secrets of yours the pods read: what a reloader has to watch. */}}
{{- define "livechat-survey.existingSecrets" -}}
{{- $names := list }}
{{- range (list .Values.mongodb .Values.redis .Values.apiKeys .Values.reports) }}
{{- if and .existingSecret (not (has .existingSecret $names)) }}
{{- $names = append $names .existingSecret }}
{{- end }}
{{- end }}
{{- join "," $names }}
{{- end }}

{{/*
Every check that makes the render fail, in one place (so the first message is always the same):
an install that would crash-loop, leak a password into a ConfigMap, split rate limits across pods,
or be killed mid-drain does not render.
*/}}
{{- define "livechat-survey.validate" -}}
{{- $config := .Values.config | default dict }}
{{- range $key, $how := dict "MONGODB_URI" "mongodb.uri or mongodb.existingSecret" "REDIS_URL" "redis.url or redis.existingSecret" "API_KEYS" "apiKeys.entries or apiKeys.existingSecret" "REPORTS_API_KEYS" "reports.apiKeyDigests or reports.existingSecret" }}
{{- if hasKey $config $key }}
{{- fail (printf "config.%s is not allowed: a ConfigMap is readable by anyone who may read the namespace's config; set %s (kept in a Secret)" $key $how) }}
{{- end }}
{{- end }}
{{- range $key, $how := dict "TRUST_PROXY" "trustProxy" "PORT" "containerPort" "METRICS_PORT" "metrics.port" }}
{{- if hasKey $config $key }}
{{- fail (printf "config.%s is not allowed: set %s" $key $how) }}
{{- end }}
{{- end }}
{{- /* The app refuses a bad API_KEYS at start (a crash loop): the same syntax, checked here. */}}
{{- $scope := "(reports:read|webhooks:manage|survey-links:create|followups:write)" }}
{{- range $index, $entry := splitList "," (.Values.apiKeys.entries | default "") }}
{{- if and (trim $entry) (not (regexMatch (printf "^[0-9a-fA-F]{64}:%s([+]%s)*$" $scope $scope) (trim $entry))) }}
{{- fail (printf "apiKeys.entries: entry %d is not <SHA-256 digest>:<scope>+<scope> (scopes: reports:read, webhooks:manage, survey-links:create, followups:write; npm run api-key -- --scope <scope> prints one)" (add1 $index)) }}
{{- end }}
{{- end }}
{{- if and (not .Values.mongodb.existingSecret) (not .Values.mongodb.uri) }}
{{- fail "MONGODB_URI is required: set mongodb.uri (a replica set: mongodb://db1,db2,db3/livechat?replicaSet=rs0) or mongodb.existingSecret (a Secret of yours holding it under mongodb.existingSecretKey)" }}
{{- end }}
{{- $redis := or .Values.redis.url .Values.redis.existingSecret }}
{{- $max := include "livechat-survey.maxReplicas" . | int }}
{{- if and (gt $max 1) (eq (include "livechat-survey.rateLimitEnabled" .) "true") (not $redis) }}
{{- fail (printf "up to %d replicas without Redis: each pod would count rate limits alone (%d x the limit per client). Set redis.url or redis.existingSecret, or run one replica (autoscaling.enabled=false, replicaCount=1), or config.RATE_LIMIT_ENABLED=false" $max $max) }}
{{- end }}
{{- if eq (int .Values.metrics.port) (int .Values.containerPort) }}
{{- fail "metrics.port must differ from containerPort: the Service would expose the metrics" }}
{{- end }}
{{- /* The grace period counts from the start of preStop: the pause, the app's own delay and its drain must all fit. */}}
{{- $shutdownMs := add (include "livechat-survey.shutdownDelayMs" . | int) (include "livechat-survey.shutdownGraceMs" . | int) }}
{{- $shutdownSeconds := add (int .Values.preStopSleepSeconds) (div (add $shutdownMs 999) 1000) }}
{{- if le (int .Values.terminationGracePeriodSeconds) $shutdownSeconds }}
{{- fail (printf "terminationGracePeriodSeconds must be greater than preStopSleepSeconds + (config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_GRACE_MS) / 1000 = %d (unset keys count with the app's defaults, 0 and 10000), or Kubernetes kills pods mid-drain" $shutdownSeconds) }}
{{- end }}
{{- $probe := .Values.readinessProbe }}
{{- $tolerated := mul (sub (int ($probe.failureThreshold | default 3)) 1) (int ($probe.periodSeconds | default 10)) }}
{{- if lt (int $tolerated) (int .Values.readinessToleratedOutageSeconds) }}
{{- fail (printf "readinessProbe: (failureThreshold - 1) x periodSeconds = %d s is shorter than readinessToleratedOutageSeconds (%d s): a database election would take every pod out of the Service at once" (int $tolerated) (int .Values.readinessToleratedOutageSeconds)) }}
{{- end }}
{{- end }}

{{/* One environment variable read from a Secret: yours (existingSecret) or the chart's. */}}
{{- define "livechat-survey.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .values.existingSecret | default .fullname }}
      key: {{ if .values.existingSecret }}{{ .values.existingSecretKey | default .key }}{{ else }}{{ .key }}{{ end }}
{{- end }}
