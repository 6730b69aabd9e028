{
    "name": "B2B Apps Base",
    "summary": "What the B2B apps share: one input guard, system figures kept by the system, "
    "nightly jobs that skip a bad record instead of stopping",
    "version": "18.0.1.2.1",
    "category": "Hidden/Tools",
    "author": "Kaizen B2B Apps",
    "license": "LGPL-3",
    "depends": ["base"],
    "demo": ["demo/b2b_demo.xml"],
    "assets": {
        "web.assets_tests": ["b2b_base/static/tests/tours/*.js"],
    },
}
