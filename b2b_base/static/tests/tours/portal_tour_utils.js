/** @odoo-module **/

// What the apps' portal tours share.

// A step that fails when the page scrolls sideways (on a phone), naming what sticks out.
export function noSidewaysScroll(trigger) {
    return {
        content: "Nothing sticks out sideways",
        trigger,
        run() {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > width + 1) {
                const wide = [...document.querySelectorAll("body *")].find(
                    (el) => el.getBoundingClientRect().right > width + 1
                );
                throw new Error(
                    `The page scrolls sideways (${document.documentElement.scrollWidth} > ${width}): ${wide?.outerHTML.slice(0, 200)}`
                );
            }
        },
    };
}
