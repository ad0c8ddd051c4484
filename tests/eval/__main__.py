"""make eval: run the end-to-end evaluation and print its figures per category.

python -m tests.eval [--cases 'messages-*.yml'] [--ids a-1-001 d-d-004 ...]"""

import argparse
import json

from tests.eval import cases, runner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", default="*.yml", help="a glob over tests/eval/cases/")
    parser.add_argument("--ids", nargs="*", help="only these case ids")
    arguments = parser.parse_args()
    selected = cases.load(arguments.cases)
    if arguments.ids:
        selected = [case for case in selected if case.id in set(arguments.ids)]
    figures = runner.write_report(runner.run(selected))
    print(json.dumps(figures, indent=1))
    print("failures: test-output/eval/failures.txt; every case: test-output/eval/report.json")


if __name__ == "__main__":
    main()
