"""Start-up shortcuts (issue 13) give what the long way gives."""

import re

from gklint.lazyre import LazyPattern


def test_lazy_pattern_matches_as_compiled():
    source = r"[\u4e00-\u9fff]\d{2,}|\d{2,}[\u4e00-\u9fff]"
    lazy, compiled = LazyPattern(source), re.compile(source)
    for text in ("申请12件", "12件", "共3件", "", "x123四"):
        assert bool(lazy.search(text)) == bool(compiled.search(text))
        assert lazy.sub("#", text) == compiled.sub("#", text)
    assert lazy.pattern == source  # attributes other than methods come from the pattern too


def test_a_one_file_text_check_leaves_out_what_it_does_not_use(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import SEEDS

    # pathlib (≈ 4 ms with urllib.parse and ipaddress), the YAML library, the cache's modules;
    # gklint.engine is the control: the probe sees what the check imported.
    names = ("pathlib", "yaml", "difflib", "gklint.cache", "gklint.engine")
    probe = ("import sys\nfrom gklint.cli import main\ncode = main(sys.argv[1:])\n"
             f"print(code, *sorted(m for m in {names!r} if m in sys.modules))")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "pyproject.toml").write_text('[tool.gklint]\nignore = ["GK506"]\n', encoding="utf-8")
    for args in (["--isolated"], []):  # without and with the configuration file found from the folder
        out = subprocess.run([sys.executable, "-c", probe, "check", "--no-cache", *args, str(seed)], cwd=tmp_path,
                             capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"), timeout=120)
        assert out.returncode == 0, out.stderr
        code, *imported = out.stdout.splitlines()[-1].split()
        assert code in ("0", "1") and imported == ["gklint.engine"], out.stdout


def test_a_check_through_the_cache_leaves_out_platformdirs_and_pathlib_on_linux(tmp_path):
    import os
    import subprocess
    import sys

    import pytest

    from conftest import SEEDS

    if sys.platform != "linux":
        pytest.skip("the plain cache directory is worked out without platformdirs on Linux only")
    names = ("pathlib", "platformdirs", "gklint.cache")  # the cache module is the control
    probe = ("import sys\nfrom gklint.cli import main\ncode = main(sys.argv[1:])\n"
             f"print(code, *sorted(m for m in {names!r} if m in sys.modules))")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANDROID_")}
    env.update(PYTHONWARNINGS="ignore", XDG_CACHE_HOME=str(tmp_path / "xdg"), GKLINT_CACHE_DIR="")
    out = subprocess.run([sys.executable, "-c", probe, "check", "--isolated", str(seed)], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    code, *imported = out.stdout.splitlines()[-1].split()
    assert code in ("0", "1") and imported == ["gklint.cache"], out.stdout
    assert (tmp_path / "xdg" / "gklint" / "hmac-key").is_file()  # the cache was used, where platformdirs puts it
