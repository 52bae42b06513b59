// Placeholder: the rule generator CLI (slo/*.yaml -> deploy/prometheus/rules/*.rules.yaml) is being built.
return 0;
