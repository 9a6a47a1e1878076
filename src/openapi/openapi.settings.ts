import { Feature, Setting } from '../config/setting.decorator';
import { BooleanVariable } from '../config/variables';

@Feature({ title: 'API docs', folder: 'src/openapi' })
export class OpenApiSettings {
  @Setting({
    description:
      'Serve the interactive API docs at `/api-docs`; `/api-docs-json` and `/api-docs-yaml` ' +
      '(the OpenAPI 3.1 document) are always served.',
  })
  @BooleanVariable()
  API_DOCS_ENABLED: boolean = true;
}
