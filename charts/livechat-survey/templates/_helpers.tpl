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
The Secret holding MONGODB_URI: the user's existingSecret, or the one this chart makes.
*/}}
{{- define "livechat-survey.mongodbSecretName" -}}
{{- if .Values.mongodb.existingSecret }}
{{- .Values.mongodb.existingSecret }}
{{- else }}
{{- include "livechat-survey.fullname" . }}
{{- end }}
{{- end }}

{{- define "livechat-survey.mongodbSecretKey" -}}
{{- if .Values.mongodb.existingSecret }}
{{- .Values.mongodb.existingSecretKey | default "mongodb-uri" }}
{{- else }}
{{- "mongodb-uri" }}
{{- end }}
{{- end }}
