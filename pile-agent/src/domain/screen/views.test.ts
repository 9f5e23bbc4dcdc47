// View-state → draw-list tests: texts in zh and en, buttons by name, hit regions on every screen size.
import { describe, expect, it } from 'vitest';
import type { Scene } from '../../ports/display.port.js';
import { REASON_CODES } from '../authorization/authorize.types.js';
import { regionProblems } from './hit-test.js';
import { en } from './i18n/en.js';
import { zhCN } from './i18n/zh-CN.js';
import { SAMPLE_COMMON, SAMPLE_NAMES, VIEW_SAMPLES } from './view-samples.js';
import type { Lang, ScreenCommon, ViewState } from './view-state.js';
import { buildScene } from './views/index.js';

const SIZES = [
  [800, 480],
  [1024, 600],
  [480, 800], // an 800×480 panel at rotation 90/270
] as const;

function scene(view: ViewState, lang: Lang = 'zh-CN', size: readonly [number, number] = [800, 480], common: Partial<ScreenCommon> = {}): Scene {
  return buildScene({ common: { ...SAMPLE_COMMON, ...common }, view }, { width: size[0], height: size[1], lang });
}
const texts = (s: Scene) => s.ops.flatMap((o) => (o.op === 'text' ? [o.text] : []));
const names = (s: Scene) => s.regions.map((r) => r.name);

describe('every sample view on every screen size', () => {
  for (const name of SAMPLE_NAMES)
    for (const size of SIZES)
      for (const lang of ['zh-CN', 'en'] as const)
        it(`${name} ${size.join('×')} ${lang}: hit regions inside the screen, unique, not overlapping; ops inside`, () => {
          const s = scene(VIEW_SAMPLES[name], lang, size);
          expect(s.width).toBe(size[0]);
          expect(regionProblems(s)).toEqual([]);
          for (const op of s.ops) if (op.op === 'text') expect(op.x >= 0 && op.x <= size[0] && op.y >= 0 && op.y <= size[1], JSON.stringify(op)).toBe(true);
        });
});

describe('idle', () => {
  it('zh by default: 刷卡充电, VIN充电 and 密码充电 as buttons of the selected connector', () => {
    const s = buildScene({ common: SAMPLE_COMMON, view: VIEW_SAMPLES.idle }, { width: 800, height: 480 });
    expect(texts(s)).toEqual(expect.arrayContaining(['刷卡充电', 'VIN充电', '密码充电', '1号枪', '空闲', '1号枪 · 空闲', '2号枪 · 充电中']));
    expect(names(s)).toEqual(['lang', 'connector-1', 'connector-2', 'card-charge', 'vin-charge', 'password-charge']);
  });

  it('the VIN button only when the profile has vinCharge, 密码充电 only with a fixed password', () => {
    const s = scene({ ...VIEW_SAMPLES.idle, vinCharge: false, fixedPassword: false });
    expect(names(s)).not.toContain('vin-charge');
    expect(names(s)).not.toContain('password-charge');
    expect(texts(s)).not.toContain('VIN充电');
    expect(names(scene({ ...VIEW_SAMPLES.idle, vinCharge: true, fixedPassword: false }))).toContain('vin-charge');
  });

  it('en texts', () => {
    expect(texts(scene(VIEW_SAMPLES.idle, 'en'))).toEqual(expect.arrayContaining(['Card charge', 'VIN charge', 'Gun 1', 'Available', '中文']));
  });

  it('a busy or faulted connector has its start buttons greyed, without hit regions', () => {
    const s = scene(VIEW_SAMPLES['idle-busy']);
    expect(texts(s)).toContain('VIN充电');
    expect(names(s)).toEqual(['lang', 'connector-1', 'connector-2']);
    expect(texts(s)).toContain('该枪暂不可用，请选择其他充电枪');
  });

  it('the offline badge only when offline', () => {
    expect(texts(scene(VIEW_SAMPLES.idle, 'zh-CN', [800, 480], { online: false }))).toContain('离线');
    expect(texts(scene(VIEW_SAMPLES.idle))).not.toContain('离线');
    expect(texts(scene(VIEW_SAMPLES.charging, 'en', [800, 480], { online: false }))).toContain('Offline');
  });

  it('portrait stacks the buttons below the connector panel; landscape puts them beside it', () => {
    const land = scene(VIEW_SAMPLES.idle).regions.find((r) => r.name === 'vin-charge')!;
    const port = scene(VIEW_SAMPLES.idle, 'zh-CN', [480, 800]).regions.find((r) => r.name === 'vin-charge')!;
    expect(land.rect.x).toBeGreaterThan(350);
    expect(port.rect.w).toBeGreaterThan(400);
    expect(port.rect.y).toBeGreaterThan(400);
  });

  it('scales with the screen: 1024×600 buttons are larger than 800×480 ones', () => {
    const a = scene(VIEW_SAMPLES.idle).regions.find((r) => r.name === 'card-charge')!;
    const b = scene(VIEW_SAMPLES.idle, 'zh-CN', [1024, 600]).regions.find((r) => r.name === 'card-charge')!;
    expect(b.rect.w).toBeGreaterThan(a.rect.w);
    expect(b.rect.h).toBeGreaterThan(a.rect.h);
  });
});

describe('charging', () => {
  it('plate, VIN last 6, kWh with 2 decimals, kW, V, A, SoC, elapsed, cost in ¥, stop button', () => {
    const s = scene(VIEW_SAMPLES.charging);
    expect(texts(s)).toEqual(expect.arrayContaining(['沪A32567', '019834', '48.37', 'kWh', '96.5 kW', '612.4 V', '157.6 A', '63%', '0:33:05', '¥53.20', '停止充电', '当前费用']));
    expect(names(s)).toEqual(['lang', 'stop']);
    expect(texts(scene(VIEW_SAMPLES.charging, 'en'))).toEqual(expect.arrayContaining(['Stop', 'Cost so far', 'Battery SoC']));
  });

  it('unknown plate, VIN, SoC and cost show a dash', () => {
    const s = scene({ ...VIEW_SAMPLES.charging, plate: null, vin: null, socPct: null, costFen: null });
    expect(texts(s).filter((t) => t === '—')).toHaveLength(4);
  });
});

describe('keypad', () => {
  it('masked digits (never the digits), tries left, 10 digit keys, del, ok, cancel', () => {
    const s = scene(VIEW_SAMPLES.keypad);
    const dots = s.ops.filter((o) => o.op === 'circle');
    expect(dots).toHaveLength(3);
    expect(texts(s)).toEqual(expect.arrayContaining(['请输入停止密码', '还可尝试 2 次']));
    expect(names(s)).toEqual(expect.arrayContaining(['cancel', 'key-0', 'key-1', 'key-9', 'key-del', 'key-ok']));
  });

  it('locked: the countdown, and only cancel is live', () => {
    const s = scene(VIEW_SAMPLES['keypad-locked']);
    expect(texts(s)).toContain('输错次数过多，已锁定，请 4:59 后重试');
    expect(names(s)).toEqual(['lang', 'cancel']);
    expect(texts(scene(VIEW_SAMPLES['keypad-locked'], 'en'))).toContain('Too many wrong tries. Locked, try again in 4:59');
  });

  it('OK and Del are off with no digits; digit keys are off when full', () => {
    expect(names(scene(VIEW_SAMPLES['keypad-start']))).not.toContain('key-ok');
    const full = names(scene({ ...VIEW_SAMPLES.keypad, digitCount: 6 }));
    expect(full).not.toContain('key-5');
    expect(full).toContain('key-ok');
  });
});

describe('refusal screens', () => {
  it('every reason code of the authorization decision has its own text in zh and en', () => {
    for (const code of REASON_CODES.filter((c) => c !== 'ok')) {
      for (const [lang, t] of [
        ['zh-CN', zhCN],
        ['en', en],
      ] as const) {
        const s = scene({ view: 'refused', connectorId: 1, reason: code }, lang);
        expect(texts(s), `${code} ${lang}`).toContain(t.reasons[code].title);
        expect(texts(s), `${code} ${lang}`).toContain(t.reasons[code].hint);
        expect(
          texts(s).some((x) => x.includes(code)),
          `${code} ${lang}: generic fallback used`,
        ).toBe(false);
      }
    }
  });

  it.each([
    ['vin-unregistered', '车辆未登记'],
    ['vin-absent', 'VIN读取失败'],
    ['department-not-bound', '非本站授权'],
    ['cannot-pay', '余额不足'],
    ['card-unknown', '卡无效'],
    ['decision-timeout', '授权超时'],
    ['vin-changed', 'VIN已变化'],
  ])('%s → %s', (reason, title) => {
    const s = scene({ view: 'refused', connectorId: 1, reason });
    expect(texts(s)).toContain(title);
    expect(names(s)).toEqual(['lang', 'back']);
  });

  it('an unknown code gets the generic text naming the code', () => {
    const s = scene({ view: 'refused', connectorId: 1, reason: 'quantum-flux' });
    expect(texts(s)).toEqual(expect.arrayContaining(['无法充电', '原因代码 quantum-flux，请联系站点管理员']));
  });

  it('shows the VIN or the card concerned', () => {
    expect(texts(scene(VIEW_SAMPLES.refused))).toContain('VIN LZYTBTE68K1019834');
    expect(texts(scene(VIEW_SAMPLES['refused-cannot-pay']))).toContain('卡号 3954061521');
  });
});

describe('other views', () => {
  it('connecting: steps and the current instruction', () => {
    expect(texts(scene(VIEW_SAMPLES.connecting))).toEqual(expect.arrayContaining(['插枪', '读取VIN', '授权', '充电', '正在读取车辆VIN…', '取消']));
    expect(texts(scene(VIEW_SAMPLES['connecting-tap-card']))).toContain('请将充电卡放在刷卡区');
    expect(texts(scene(VIEW_SAMPLES['connecting-plug-in'], 'en'))).toContain('Plug the gun into the bus');
    expect(names(scene(VIEW_SAMPLES.connecting))).toEqual(['lang', 'cancel']);
  });

  it('authorizing: no buttons but the language', () => {
    const s = scene(VIEW_SAMPLES.authorizing);
    expect(texts(s)).toEqual(expect.arrayContaining(['正在核验，请稍候…', 'VIN充电']));
    expect(names(s)).toEqual(['lang']);
  });

  it('receipt: kWh, duration, ¥, stop reason, done', () => {
    const s = scene(VIEW_SAMPLES.receipt);
    expect(texts(s)).toEqual(expect.arrayContaining(['充电完成', '152.34 kWh', '1:30:20', '¥167.57', '已充满', '019834', '完成']));
    expect(names(s)).toEqual(['lang', 'done']);
    expect(texts(scene(VIEW_SAMPLES.receipt, 'en'))).toEqual(expect.arrayContaining(['Battery full', 'Done']));
  });

  it('fault: catalogued faults in words, unknown ones as codes', () => {
    const s = scene({ view: 'fault', connectorId: null, faults: ['meter.comm-loss', 'x.unknown'] });
    expect(texts(s)).toEqual(expect.arrayContaining(['设备故障', '• 电表通信故障', '• x.unknown', '整桩 · 设备故障']));
    expect(texts(scene(VIEW_SAMPLES.fault, 'en'))).toContain('• CAN bus off');
  });

  it('maintenance: message and expected end', () => {
    expect(texts(scene(VIEW_SAMPLES.maintenance))).toEqual(expect.arrayContaining(['维护中', '预计 16:00 恢复']));
  });
});

it('a size outside the supported range is a clear error', () => {
  expect(() => scene(VIEW_SAMPLES.idle, 'zh-CN', [100, 100])).toThrow(/outside/);
});

describe('the station title in English', () => {
  const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
  it('the English refused, idle and fault views show no Chinese: the footer uses titleEn', () => {
    for (const name of ['refused', 'idle', 'fault'] as const) {
      const t = texts(scene(VIEW_SAMPLES[name], 'en'));
      expect(t).toContain('Bus Depot 1 · Pile 3');
      // Only the language button speaks Chinese (中文: the way back).
      expect(
        t.filter((x) => cjk.test(x) && x !== en.langToggle),
        name,
      ).toEqual([]);
    }
    expect(texts(scene(VIEW_SAMPLES.refused, 'zh-CN'))).toContain('公交一场 · 3号桩');
  });

  it('without titleEn the English screen shows the one title', () => {
    expect(texts(scene(VIEW_SAMPLES.refused, 'en', [800, 480], { titleEn: undefined, title: 'P-7' }))).toContain('P-7');
  });
});
