#!/usr/bin/env python3
"""Groups `perf script` CPU samples of one .NET process by what the CPU was doing, for docs/performance.md.

    perf record -e cpu-clock -F 999 -g -p PID -- sleep 25      # process started with DOTNET_PerfMapEnabled=1
                                                              # and DOTNET_EnableWriteXorExecute=0 (JIT frames named)
    perf script -i perf.data | scripts/perf-stacks.py

Each sample goes to the first category whose pattern matches, scanning the stack from the leaf outwards (so JSON
written by the OpenAI client counts as JSON, a syscall made by Redis's socket code as Redis), after two overrides:
samples with the JIT on the stack are JIT, samples spinning or parked in the thread pool are "idle spin".
The second table names the innermost ChatApi/ServiceDefaults method on each stack (where ChatApi code led the CPU).
"""
import re
import sys
from collections import Counter

OVERRIDES = [
    ("JIT compiler (tiering, warm-up)", re.compile(r"libclrjit\.so")),
    ("thread pool / Redis scheduler spin-wait (sched_yield, semaphores)",
     re.compile(r"sched_yield|LowLevelLifoSemaphore|LowLevelMonitor|WaitHandle::Wait|SemaphoreSlim::Wait|"
                r"DedicatedThreadPoolPipeScheduler::RunWorkLoop\(\).*\n(?!.*Execute)")),
]

CATEGORIES = [
    ("OpenTelemetry export (OTLP to the dashboard)", r"OpenTelemetry\.Exporter|OtlpExport|BatchExportProcessor|Grpc\.|ProtobufSerializer"),
    ("metrics recording", r"OpenTelemetry\.Metrics|System\.Diagnostics\.Metrics|ChatApiMetrics"),
    ("tracing (activities, propagation)", r"System\.Diagnostics\.Activity|ActivitySource|OpenTelemetry\.Trace|DiagnosticListener|Propagat"),
    ("logging and redaction", r"Microsoft\.Extensions\.Logging|Microsoft\.Extensions\.Compliance|Redact|LoggerMessage"),
    ("tokenizer", r"Microsoft\.ML\.Tokenizers"),
    ("SK plugin built per turn (reflection, schema)", r"KernelPluginFactory|KernelFunctionFromMethod|KernelParameterMetadata|BankToolsPlugin|System\.Reflection|CustomAttribute"),
    ("JSON (System.Text.Json)", r"System\.Text\.Json"),
    ("Redis client (StackExchange.Redis)", r"StackExchange\.Redis|Pipelines\.Sockets\.Unofficial"),
    ("Semantic Kernel + OpenAI client", r"Microsoft\.SemanticKernel|\[OpenAI\]|OpenAI\.|System\.ClientModel"),
    ("HttpClient to the model (handlers, Polly, discovery)", r"System\.Net\.Http|Microsoft\.Extensions\.Http|Polly|ServiceDiscovery"),
    ("ASP.NET Core (Kestrel, middleware, endpoint)", r"Microsoft\.AspNetCore"),
    ("ChatApi's own code", r"LlmReference\."),
    ("sockets", r"System\.Net\.Sockets|libSystem\.Native"),
    ("runtime (GC, allocation, type system, stubs)", r"libcoreclr\.so|System\.Private\.CoreLib|\bstub\b"),
    ("kernel (scheduling, syscalls)", r"kernel\.kallsyms"),
]
CATEGORIES = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
OWN = re.compile(r"(LlmReference\.[A-Za-z.]+(?:\+<\w+>d__\d+|::\w+))")


def frame_name(line):
    """The frame's method (declaring type and name, no parameter list: parameter types would match patterns) and
    its module, e.g. "[ChatApi] LlmReference.ChatApi.Chat.ChatService::Fit (/tmp/perf-1.map)"."""
    module = line[line.rfind(" ("):] if " (" in line else ""
    method = line[:len(line) - len(module)]
    start = method.find("::")
    if start >= 0 and "(" in method[start:]:
        method = method[:method.index("(", start)]
    return method + module


def samples(stream):
    block = []
    for line in stream:
        if line.strip() == "":
            if block:
                yield block
                block = []
        else:
            block.append(line.rstrip("\n") if not block else frame_name(line.rstrip("\n")))
    if block:
        yield block


def classify(frames):
    text = "\n".join(frames)
    for name, pattern in OVERRIDES:
        if pattern.search(text):
            return name
    for frame in frames:
        for name, pattern in CATEGORIES:
            if pattern.search(frame):
                return name
    return "other"


def main():
    by_category, by_method, total = Counter(), Counter(), 0
    for block in samples(sys.stdin):
        frames = block[1:]
        total += 1
        by_category[classify(frames)] += 1
        for frame in frames:
            match = OWN.search(frame)
            if match:
                by_method[re.sub(r"\+<(\w+)>d__\d+", r".\1", match.group(1))] += 1
                break
    print(f"{total} samples\n\n| what the CPU did | share |\n|---|---:|")
    for name, count in by_category.most_common():
        print(f"| {name} | {100 * count / total:.1f} % |")
    print("\n| innermost ChatApi method on the stack | share of all samples |\n|---|---:|")
    for name, count in by_method.most_common(15):
        print(f"| {name} | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    main()
