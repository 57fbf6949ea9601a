package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/pkg/errors"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
)

// request is one `helm template NAME CHART --namespace NAMESPACE --values VALUES`.
type request struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	// Chart is a packaged chart (.tgz bytes, base64 in JSON); ChartPath a chart directory or archive.
	Chart     []byte `json:"chart,omitempty"`
	ChartPath string `json:"chartPath,omitempty"`
	// Values is the YAML of the one --values file; ValuesName the file name helm's parse error names.
	Values     string `json:"values,omitempty"`
	ValuesName string `json:"valuesName,omitempty"`
}

// response is what the helm process would have printed and its exit code.
type response struct {
	ID       int64  `json:"id"`
	Stdout   string `json:"stdout"`
	Stderr   string `json:"stderr"`
	ExitCode int    `json:"exitCode"`
}

// render runs what `helm template` runs (cmd/helm/template.go and runInstall in helm's
// cmd/helm/install.go): a client-only dry-run install with helm's own action package, printed
// as `helm template` prints it. Every request gets its own action.Configuration, so requests
// render concurrently.
func render(req request) response {
	var stdout, stderr bytes.Buffer
	err := renderTo(req, &stdout, &stderr)
	if err != nil {
		// As cobra prints a command's error (helm's root command silences only the usage).
		fmt.Fprintf(&stderr, "Error: %s\n", err)
		return response{ID: req.ID, Stdout: stdout.String(), Stderr: stderr.String(), ExitCode: 1}
	}
	return response{ID: req.ID, Stdout: stdout.String(), Stderr: stderr.String()}
}

func renderTo(req request, out, warn *bytes.Buffer) error {
	cfg := &action.Configuration{Log: func(string, ...interface{}) {}}
	client := action.NewInstall(cfg)
	client.DryRunOption = "true"
	client.DryRun = true
	client.ReleaseName = "release-name"
	client.Replace = true
	client.ClientOnly = true
	client.APIVersions = chartutil.VersionSet(nil)

	name, _, err := client.NameAndChart([]string{req.Name, "chart"})
	if err != nil {
		return err
	}
	client.ReleaseName = name

	vals := map[string]interface{}{}
	if req.Values != "" {
		label := req.ValuesName
		if label == "" {
			label = "values.yaml"
		}
		if err := yaml.Unmarshal([]byte(req.Values), &vals); err != nil {
			return errors.Wrapf(err, "failed to parse %s", label)
		}
	}

	ch, err := loadChart(req)
	if err != nil {
		return err
	}
	switch ch.Metadata.Type {
	case "", "application":
	default:
		return errors.Errorf("%s charts are not installable", ch.Metadata.Type)
	}
	if ch.Metadata.Deprecated {
		fmt.Fprintf(warn, "WARNING: %s\n", "This chart is deprecated")
	}
	if req := ch.Metadata.Dependencies; req != nil {
		if err := action.CheckDependencies(ch, req); err != nil {
			return errors.Wrap(err, "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies")
		}
	}
	client.Namespace = req.Namespace
	if client.Namespace == "" {
		client.Namespace = "default"
	}

	rel, err := client.RunWithContext(context.Background(), ch, vals)
	if err != nil {
		if rel != nil {
			return fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err)
		}
		return err
	}
	fmt.Fprintln(out, strings.TrimSpace(rel.Manifest))
	for _, m := range rel.Hooks {
		fmt.Fprintf(out, "---\n# Source: %s\n%s\n", m.Path, m.Manifest)
	}
	return nil
}

func loadChart(req request) (*chart.Chart, error) {
	if req.ChartPath != "" {
		return loader.Load(req.ChartPath)
	}
	if len(req.Chart) == 0 {
		return nil, errors.New("the request has neither a chart nor a chartPath")
	}
	return loader.LoadArchive(bytes.NewReader(req.Chart))
}
