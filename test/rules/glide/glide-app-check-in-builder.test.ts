import rule from '@/rules/glide/glide-app-check-in-builder';
import { describeRule } from '../../helpers/rule-cases';
import { glideApp } from '../../helpers/glide';
import { evidence } from '../../helpers/evidence';

describeRule(rule, {
  flagged: [
    {
      name: 'app id known from /play/<appId>',
      evidence: glideApp({ appId: 'AbCdEfGhIjKlMnOpQrSt' }, 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt'),
      messages: ['check-in-builder'],
      severity: 'info',
    },
    { name: 'custom domain, app id not evident', evidence: glideApp({}, 'https://app.example.org/'), messages: ['check-in-builder-no-id'] },
  ],
  clean: [{ name: 'not a Glide app', evidence: evidence() }],
  fixed: [{ name: 'not applicable once the page is no Glide app', before: glideApp({}), after: evidence() }],
});
